"""live transcription state

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 12:27:37.522513
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("recording_chunks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("offset_seconds", sa.Double(), nullable=True))
        batch_op.add_column(sa.Column("transcribed_at", sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table("transcripts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("live_cursor", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("live_offset_seconds", sa.Double(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("carry_start_seconds", sa.Double(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("transcripts", schema=None) as batch_op:
        batch_op.drop_column("carry_start_seconds")
        batch_op.drop_column("live_offset_seconds")
        batch_op.drop_column("live_cursor")

    with op.batch_alter_table("recording_chunks", schema=None) as batch_op:
        batch_op.drop_column("transcribed_at")
        batch_op.drop_column("offset_seconds")
