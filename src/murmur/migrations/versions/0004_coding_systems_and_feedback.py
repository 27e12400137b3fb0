"""coding systems and code evidence

Licensed code systems loaded per installation (releases and their concepts) and, on each
suggested code, the entity text, references with offsets and similar codes.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "code_system_releases",
        sa.Column("system", sa.String(length=20), nullable=False),
        sa.Column("edition", sa.Text(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("concept_count", sa.Integer(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("system", name=op.f("pk_code_system_releases")),
    )
    op.create_table(
        "licensed_concepts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("system", sa.String(length=20), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("billable", sa.Boolean(), nullable=False),
        sa.Column("parent", sa.String(length=40), nullable=True),
        sa.Column("synonyms", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_licensed_concepts")),
        sa.UniqueConstraint("system", "code", name=op.f("uq_licensed_concepts_system")),
    )
    with op.batch_alter_table("licensed_concepts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_licensed_concepts_system"), ["system"], unique=False)
    with op.batch_alter_table("clinical_codes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("entity", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("evidence", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.add_column(sa.Column("similar", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("clinical_codes", schema=None) as batch_op:
        batch_op.drop_column("similar")
        batch_op.drop_column("evidence")
        batch_op.drop_column("entity")
    with op.batch_alter_table("licensed_concepts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_licensed_concepts_system"))
    op.drop_table("licensed_concepts")
    op.drop_table("code_system_releases")
