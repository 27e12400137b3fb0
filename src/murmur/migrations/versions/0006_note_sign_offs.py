"""note sign-offs: the consult note as the clinician signed it, versioned by amendment

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "note_sign_offs",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("encounter_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("content_type", sa.String(length=10), nullable=False),
        sa.Column("signed_by", sa.Uuid(), nullable=False),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["encounter_id"],
            ["encounters.id"],
            name=op.f("fk_note_sign_offs_encounter_id_encounters"),
        ),
        sa.ForeignKeyConstraint(
            ["signed_by"], ["providers.id"], name=op.f("fk_note_sign_offs_signed_by_providers")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_note_sign_offs_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_note_sign_offs")),
        sa.UniqueConstraint("encounter_id", "version", name=op.f("uq_note_sign_offs_encounter_id")),
    )
    op.create_index(op.f("ix_note_sign_offs_tenant_id"), "note_sign_offs", ["tenant_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_note_sign_offs_tenant_id"), table_name="note_sign_offs")
    op.drop_table("note_sign_offs")
