"""outgoing-document register; the centre's proposing unit and officer title

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 09:00:00.000000
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
import centre_desk.models.base
from centre_desk.db.audit_guard import append_only_sql as _append_only_sql
from centre_desk.db.audit_guard import drop_append_only_sql as _drop_append_only_sql

# Existing centre details get empty text for the two new settings (flagged on the centre details page).
# The register's lines and copies are append-only, as the audit trail is (0001): an issued number is never
# changed or removed.
APPEND_ONLY = ("outgoing_document", "outgoing_copy")


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('document_counter',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('kind_code', centre_desk.models.base.NFCText(length=10), nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('year', 'kind_code', name=op.f('pk_document_counter'))
    )
    op.create_table('outgoing_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('kind_code', centre_desk.models.base.NFCText(length=10), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('symbol', centre_desk.models.base.NFCText(length=60), nullable=False),
    sa.Column('paper_kind', centre_desk.models.base.NFCText(length=40), nullable=False),
    sa.Column('document_date', sa.Date(), nullable=False),
    sa.Column('subject', centre_desk.models.base.NFCText(length=300), nullable=False),
    sa.Column('resident_id', sa.Integer(), nullable=False),
    sa.Column('admission_id', sa.Integer(), nullable=False),
    sa.Column('signer_name', centre_desk.models.base.NFCText(length=200), nullable=False),
    sa.Column('signer_title', centre_desk.models.base.NFCText(length=200), nullable=False),
    sa.Column('issued_at', centre_desk.models.base.UtcDateTime(), nullable=False),
    sa.Column('issued_by', sa.Integer(), nullable=True),
    sa.Column('sha256', centre_desk.models.base.NFCText(length=64), nullable=False),
    sa.Column('snapshot', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['admission_id'], ['admission.id'], name=op.f('fk_outgoing_document_admission_id_admission')),
    sa.ForeignKeyConstraint(['issued_by'], ['staff_account.id'], name=op.f('fk_outgoing_document_issued_by_staff_account')),
    sa.ForeignKeyConstraint(['resident_id'], ['resident.id'], name=op.f('fk_outgoing_document_resident_id_resident')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outgoing_document')),
    sa.UniqueConstraint('admission_id', 'paper_kind', name='uq_outgoing_document_paper'),
    sa.UniqueConstraint('year', 'kind_code', 'number', name='uq_outgoing_document_number')
    )
    with op.batch_alter_table('outgoing_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outgoing_document_document_date'), ['document_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_outgoing_document_resident_id'), ['resident_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outgoing_document_sha256'), ['sha256'], unique=False)

    op.create_table('outgoing_copy',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('printed_at', centre_desk.models.base.UtcDateTime(), nullable=False),
    sa.Column('printed_by', sa.Integer(), nullable=True),
    sa.Column('sha256', centre_desk.models.base.NFCText(length=64), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['outgoing_document.id'], name=op.f('fk_outgoing_copy_document_id_outgoing_document')),
    sa.ForeignKeyConstraint(['printed_by'], ['staff_account.id'], name=op.f('fk_outgoing_copy_printed_by_staff_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outgoing_copy'))
    )
    with op.batch_alter_table('outgoing_copy', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outgoing_copy_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outgoing_copy_sha256'), ['sha256'], unique=False)

    with op.batch_alter_table('centre_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('proposing_unit', centre_desk.models.base.NFCText(length=200), nullable=False, server_default=sa.text("''")))
        batch_op.add_column(sa.Column('officer_title', centre_desk.models.base.NFCText(length=200), nullable=False, server_default=sa.text("''")))

    dialect = op.get_bind().dialect.name
    for table in APPEND_ONLY:
        for statement in _append_only_sql(dialect, table):
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in APPEND_ONLY:
        for statement in _drop_append_only_sql(dialect, table):
            op.execute(statement)
    with op.batch_alter_table('centre_settings', schema=None) as batch_op:
        batch_op.drop_column('officer_title')
        batch_op.drop_column('proposing_unit')

    with op.batch_alter_table('outgoing_copy', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outgoing_copy_sha256'))
        batch_op.drop_index(batch_op.f('ix_outgoing_copy_document_id'))

    op.drop_table('outgoing_copy')
    with op.batch_alter_table('outgoing_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outgoing_document_sha256'))
        batch_op.drop_index(batch_op.f('ix_outgoing_document_resident_id'))
        batch_op.drop_index(batch_op.f('ix_outgoing_document_document_date'))

    op.drop_table('outgoing_document')
    op.drop_table('document_counter')
