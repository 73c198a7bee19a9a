"""registry filters: covering indexes for the stay's filters and the resident's facets, statistics for the planner

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-08 00:35:00.000000
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0021'
down_revision: str | None = '0020'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # the year and channel filters read the admission from these alone (the two they replace are their prefixes)
    op.drop_index('ix_admission_arrived_at', table_name='admission')
    op.drop_index('ix_admission_channel', table_name='admission')
    op.create_index('ix_admission_arrival', 'admission', ['arrived_at', 'channel', 'resident_id', 'discharged_at'])
    op.create_index('ix_admission_by_channel', 'admission', ['channel', 'arrived_at', 'resident_id', 'discharged_at'])
    # the age and pupil filters and the order, without reading the wide resident row
    op.create_index('ix_resident_facets', 'resident', ['id', 'sort_key', 'birth_year', 'birth_date', 'is_pupil'])
    op.execute('ANALYZE')  # the planner's statistics (kept fresh by maintenance and PRAGMA optimize at close)


def downgrade() -> None:
    op.drop_index('ix_resident_facets', table_name='resident')
    op.drop_index('ix_admission_by_channel', table_name='admission')
    op.drop_index('ix_admission_arrival', table_name='admission')
    op.create_index('ix_admission_channel', 'admission', ['channel'])
    op.create_index('ix_admission_arrived_at', 'admission', ['arrived_at'])
