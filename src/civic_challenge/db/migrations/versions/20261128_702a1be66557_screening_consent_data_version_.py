"""screening, consent, data version, moderation notes, versions

Revision ID: 702a1be66557
Revises: ca2c1ff55a33
Create Date: 2026-11-28 22:50:40.216564
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '702a1be66557'
down_revision: str | None = 'ca2c1ff55a33'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('moderation_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(length=3000), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['app_user.id'], name=op.f('fk_moderation_note_author_id_app_user')),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposal.id'], name=op.f('fk_moderation_note_proposal_id_proposal')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_moderation_note'))
    )
    with op.batch_alter_table('moderation_note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_moderation_note_proposal_id'), ['proposal_id'], unique=False)

    with op.batch_alter_table('challenge', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consent_text', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('data_version', sa.Integer(), nullable=False, server_default='1'))

    with op.batch_alter_table('challenge_statement', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))

    with op.batch_alter_table('criterion', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))

    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.add_column(sa.Column('screening_reason', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('screened_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('screened_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_proposal_screened_by_id_app_user'), 'app_user', ['screened_by_id'], ['id'])

    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))


def downgrade() -> None:
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.drop_column('version')

    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_proposal_screened_by_id_app_user'), type_='foreignkey')
        batch_op.drop_column('screened_by_id')
        batch_op.drop_column('screened_at')
        batch_op.drop_column('screening_reason')

    with op.batch_alter_table('criterion', schema=None) as batch_op:
        batch_op.drop_column('version')

    with op.batch_alter_table('challenge_statement', schema=None) as batch_op:
        batch_op.drop_column('version')

    with op.batch_alter_table('challenge', schema=None) as batch_op:
        batch_op.drop_column('data_version')
        batch_op.drop_column('consent_text')

    with op.batch_alter_table('moderation_note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_moderation_note_proposal_id'))

    op.drop_table('moderation_note')

