"""decision releases: the shortlist and the awards released in stages, each release recorded

A challenge published before this table existed needs no row: applicants see its outcomes
because its phase is `published`.

Revision ID: 7d1e5a2b9c40
Revises: a9d1f0c2b7e4
Create Date: 2026-12-01 16:15:15.808988
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '7d1e5a2b9c40'
down_revision: str | None = 'a9d1f0c2b7e4'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('decision_release',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('message', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('contents', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('decisions', sa.Integer(), nullable=False),
    sa.Column('released_by_id', sa.Integer(), nullable=False),
    sa.Column('released_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('shortlist', 'awards')", name=op.f('ck_decision_release_release_kind_known')),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenge.id'], name=op.f('fk_decision_release_challenge_id_challenge')),
    sa.ForeignKeyConstraint(['released_by_id'], ['app_user.id'], name=op.f('fk_decision_release_released_by_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision_release'))
    )
    with op.batch_alter_table('decision_release', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_release_challenge_id'), ['challenge_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('decision_release', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_release_challenge_id'))

    op.drop_table('decision_release')
