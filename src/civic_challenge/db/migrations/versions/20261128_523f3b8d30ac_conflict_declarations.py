"""conflict declarations

Revision ID: 523f3b8d30ac
Revises: 702a1be66557
Create Date: 2026-11-28 23:12:05.265822
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '523f3b8d30ac'
down_revision: str | None = '702a1be66557'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('conflict_declaration',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('judge_id', sa.Integer(), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenge.id'], name=op.f('fk_conflict_declaration_challenge_id_challenge')),
    sa.ForeignKeyConstraint(['judge_id'], ['app_user.id'], name=op.f('fk_conflict_declaration_judge_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conflict_declaration')),
    sa.UniqueConstraint('judge_id', 'challenge_id', name=op.f('uq_conflict_declaration_judge_id_challenge_id'))
    )
    with op.batch_alter_table('conflict_declaration', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conflict_declaration_challenge_id'), ['challenge_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_conflict_declaration_judge_id'), ['judge_id'], unique=False)
    # Declarations were first recorded only as audit events: carry them over.
    op.execute(
        "INSERT INTO conflict_declaration (judge_id, challenge_id, confirmed_at) "
        "SELECT actor_id, object_id, MIN(at) FROM audit_event "
        "WHERE action = 'conflicts.declaration_confirmed' AND actor_id IS NOT NULL "
        "AND object_id IS NOT NULL GROUP BY actor_id, object_id"
    )



def downgrade() -> None:
    with op.batch_alter_table('conflict_declaration', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conflict_declaration_judge_id'))
        batch_op.drop_index(batch_op.f('ix_conflict_declaration_challenge_id'))

    op.drop_table('conflict_declaration')

