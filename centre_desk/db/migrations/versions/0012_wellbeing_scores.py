"""wellbeing scores (PHQ-9, PHQ-A, GAD-7)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-08 10:00:00.000000
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
import centre_desk.models.base


revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('wellbeing_score',
    sa.Column('instrument', centre_desk.models.base.NFCText(length=20), nullable=False),
    sa.Column('scale_version', centre_desk.models.base.NFCText(length=100), nullable=False),
    sa.Column('answers', centre_desk.models.base.NFCText(length=60), nullable=False),
    sa.Column('total', sa.Integer(), nullable=True),
    sa.Column('band', centre_desk.models.base.NFCText(length=20), nullable=False),
    sa.Column('alert', sa.Boolean(), nullable=False),
    sa.Column('note', centre_desk.models.base.NFCText(length=2000), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('occurred_at', centre_desk.models.base.UtcDateTime(), nullable=False),
    sa.Column('recorded_at', centre_desk.models.base.UtcDateTime(), nullable=False),
    sa.Column('restricted', sa.Boolean(), nullable=False),
    sa.Column('struck_at', centre_desk.models.base.UtcDateTime(), nullable=True),
    sa.Column('struck_reason', centre_desk.models.base.NFCText(length=500), nullable=False),
    sa.Column('resident_id', sa.Integer(), nullable=False),
    sa.Column('recorded_by', sa.Integer(), nullable=True),
    sa.Column('struck_by', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['recorded_by'], ['staff_account.id'], name=op.f('fk_wellbeing_score_recorded_by_staff_account')),
    sa.ForeignKeyConstraint(['resident_id'], ['resident.id'], name=op.f('fk_wellbeing_score_resident_id_resident')),
    sa.ForeignKeyConstraint(['struck_by'], ['staff_account.id'], name=op.f('fk_wellbeing_score_struck_by_staff_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wellbeing_score'))
    )
    with op.batch_alter_table('wellbeing_score', schema=None) as batch_op:
        batch_op.create_index('ix_wellbeing_score_timeline', ['resident_id', 'occurred_at', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('wellbeing_score', schema=None) as batch_op:
        batch_op.drop_index('ix_wellbeing_score_timeline')

    op.drop_table('wellbeing_score')
