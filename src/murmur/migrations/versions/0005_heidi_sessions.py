"""heidi sessions: patient profiles, session details, context documents, chunk sources

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "patient_profiles",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("first_name", sa.String(length=200), nullable=True),
        sa.Column("last_name", sa.String(length=200), nullable=True),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("gender", sa.String(length=50), nullable=True),
        sa.Column("ehr_patient_id", sa.String(length=200), nullable=True),
        sa.Column("provider", sa.String(length=320), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_patient_profiles_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patient_profiles")),
    )
    op.create_index(
        "ix_patient_profiles_tenant_created", "patient_profiles", ["tenant_id", "created_at"]
    )
    op.create_index(
        "ix_patient_profiles_tenant_ehr", "patient_profiles", ["tenant_id", "ehr_patient_id"]
    )

    with op.batch_alter_table("encounters", schema=None) as batch_op:
        batch_op.add_column(sa.Column("patient_profile_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("patient", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("duration_seconds", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("language_code", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("output_language_code", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("clinician_notes", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("ehr_appointment_id", sa.String(length=200), nullable=True))
        batch_op.add_column(
            sa.Column("consent_obtained", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("linked_sessions", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("live_recording_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_encounters_patient_profile_id"), ["patient_profile_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_encounters_patient_profile_id_patient_profiles"),
            "patient_profiles",
            ["patient_profile_id"],
            ["id"],
        )

    with op.batch_alter_table("recording_chunks", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("source", sa.String(length=20), nullable=False, server_default="upload")
        )

    op.create_table(
        "context_documents",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("encounter_id", sa.Uuid(), nullable=False),
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column("content_type", sa.String(length=200), nullable=False),
        sa.Column("object_key", sa.String(length=500), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("unstructured", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("failure_reason", sa.Text(), nullable=True),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("parsed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["encounter_id"],
            ["encounters.id"],
            name=op.f("fk_context_documents_encounter_id_encounters"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_context_documents_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_context_documents")),
    )
    op.create_index(
        op.f("ix_context_documents_encounter_id"), "context_documents", ["encounter_id"]
    )
    op.create_index(op.f("ix_context_documents_tenant_id"), "context_documents", ["tenant_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_context_documents_tenant_id"), table_name="context_documents")
    op.drop_index(op.f("ix_context_documents_encounter_id"), table_name="context_documents")
    op.drop_table("context_documents")
    with op.batch_alter_table("recording_chunks", schema=None) as batch_op:
        batch_op.drop_column("source")
    with op.batch_alter_table("encounters", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_encounters_patient_profile_id_patient_profiles"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_encounters_patient_profile_id"))
        for column in (
            "updated_at",
            "live_recording_id",
            "linked_sessions",
            "consent_obtained",
            "ehr_appointment_id",
            "clinician_notes",
            "output_language_code",
            "language_code",
            "duration_seconds",
            "patient",
            "patient_profile_id",
        ):
            batch_op.drop_column(column)
    op.drop_index("ix_patient_profiles_tenant_ehr", table_name="patient_profiles")
    op.drop_index("ix_patient_profiles_tenant_created", table_name="patient_profiles")
    op.drop_table("patient_profiles")
