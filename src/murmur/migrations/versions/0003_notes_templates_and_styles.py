"""notes templates and styles

Tenant templates, provider example notes (MY_VOICE), documents, and the voice style and
content type a consult note was written in.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "voice_style", sa.String(length=20), nullable=False, server_default="GOLDILOCKS"
            )
        )
        batch_op.add_column(
            sa.Column(
                "content_type", sa.String(length=10), nullable=False, server_default="MARKDOWN"
            )
        )
        batch_op.add_column(
            sa.Column("origin", sa.String(length=20), nullable=False, server_default="pipeline")
        )

    op.create_table(
        "note_templates",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("plain_language", sa.Boolean(), nullable=False),
        sa.Column("sections", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_note_templates_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_note_templates")),
    )
    op.create_index(
        "ix_note_templates_tenant_created", "note_templates", ["tenant_id", "created_at"]
    )

    op.create_table(
        "provider_example_notes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("provider_id", sa.Uuid(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["provider_id"],
            ["providers.id"],
            name=op.f("fk_provider_example_notes_provider_id_providers"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_provider_example_notes_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_provider_example_notes")),
        sa.UniqueConstraint("provider_id", name=op.f("uq_provider_example_notes_provider_id")),
    )
    op.create_index(
        op.f("ix_provider_example_notes_tenant_id"), "provider_example_notes", ["tenant_id"]
    )

    op.create_table(
        "documents",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("encounter_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Uuid(), nullable=False),
        sa.Column("template_name", sa.String(length=200), nullable=False),
        sa.Column("engine", sa.String(length=40), nullable=False),
        sa.Column("voice_style", sa.String(length=20), nullable=False),
        sa.Column("content_type", sa.String(length=10), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("structure", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["encounter_id"], ["encounters.id"], name=op.f("fk_documents_encounter_id_encounters")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_documents_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("encounter_id", "position", name=op.f("uq_documents_encounter_id")),
    )
    op.create_index(op.f("ix_documents_tenant_id"), "documents", ["tenant_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_documents_tenant_id"), table_name="documents")
    op.drop_table("documents")
    op.drop_index(op.f("ix_provider_example_notes_tenant_id"), table_name="provider_example_notes")
    op.drop_table("provider_example_notes")
    op.drop_index("ix_note_templates_tenant_created", table_name="note_templates")
    op.drop_table("note_templates")
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.drop_column("origin")
        batch_op.drop_column("content_type")
        batch_op.drop_column("voice_style")
