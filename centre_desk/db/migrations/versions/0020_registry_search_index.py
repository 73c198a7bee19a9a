"""registry search: the suffix index of folded words, the stays not ended

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07 22:50:00.000000
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from centre_desk.models.resident_search import SUFFIX_LENGTH, suffix_rows

revision: str = '0020'
down_revision: str | None = '0019'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    suffix = op.create_table('resident_suffix',
    sa.Column('suffix', sa.String(length=SUFFIX_LENGTH).with_variant(sa.String(length=SUFFIX_LENGTH, collation='C'), 'postgresql'), nullable=False),
    sa.Column('resident_id', sa.Integer(), nullable=False),
    sa.Column('public', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['resident_id'], ['resident.id'], name=op.f('fk_resident_suffix_resident_id_resident')),
    sa.PrimaryKeyConstraint('suffix', 'resident_id', name=op.f('pk_resident_suffix')),
    sqlite_with_rowid=False,
    )
    with op.batch_alter_table('admission', schema=None) as batch_op:
        batch_op.create_index('ix_admission_present', ['resident_id'], unique=False,
                              sqlite_where=sa.text('discharged_at IS NULL'),
                              postgresql_where=sa.text('discharged_at IS NULL'))
    bind = op.get_bind()
    resident = sa.table('resident', sa.column('id', sa.Integer), sa.column('search_text', sa.String),
                        sa.column('alias', sa.String), sa.column('code', sa.String))
    rows: list[dict[str, object]] = []
    for rid, search_text, alias, code in bind.execute(sa.select(resident.c.id, resident.c.search_text,
                                                                resident.c.alias, resident.c.code)):
        rows.extend(suffix_rows(rid, search_text, alias, code))
        if len(rows) >= 50_000:
            bind.execute(suffix.insert(), rows)
            rows.clear()
    if rows:
        bind.execute(suffix.insert(), rows)


def downgrade() -> None:
    with op.batch_alter_table('admission', schema=None) as batch_op:
        batch_op.drop_index('ix_admission_present', sqlite_where=sa.text('discharged_at IS NULL'))
    op.drop_table('resident_suffix')
