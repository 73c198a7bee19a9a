"""holiday calendar: the manager's corrections to the shipped days off

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 21:52:00.000000
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
import centre_desk.models.base


revision: str = '0019'
down_revision: str | None = '0018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('holiday_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('change', centre_desk.models.base.NFCText(length=8), nullable=False),
    sa.Column('note', centre_desk.models.base.NFCText(length=200), nullable=False),
    sa.Column('changed_by', sa.Integer(), nullable=True),
    sa.Column('changed_at', centre_desk.models.base.UtcDateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['changed_by'], ['staff_account.id'], name=op.f('fk_holiday_change_changed_by_staff_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_holiday_change')),
    sa.UniqueConstraint('day', name=op.f('uq_holiday_change_day'))
    )


def downgrade() -> None:
    op.drop_table('holiday_change')
