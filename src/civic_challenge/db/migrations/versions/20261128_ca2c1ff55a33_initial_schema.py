"""initial schema

Revision ID: ca2c1ff55a33
Revises: 
Create Date: 2026-11-28 22:18:31.737172
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = 'ca2c1ff55a33'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table('challenge',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=5000), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('phase', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('opens_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closes_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('judging_closes_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('budget_pence', sa.BigInteger(), nullable=False),
    sa.Column('max_award_pence', sa.BigInteger(), nullable=False),
    sa.Column('max_employees', sa.Integer(), nullable=False),
    sa.Column('max_turnover_pence', sa.BigInteger(), nullable=False),
    sa.Column('london_only', sa.Boolean(), nullable=False),
    sa.Column('max_proposals_per_statement', sa.Integer(), nullable=False),
    sa.Column('reviews_per_proposal', sa.Integer(), nullable=False),
    sa.Column('judge_load_cap', sa.Integer(), nullable=False),
    sa.Column('blind_review', sa.Boolean(), nullable=False),
    sa.Column('score_visibility', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('aggregation', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('normalisation', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('disagreement_threshold', sa.Float(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("aggregation IN ('mean', 'median')", name=op.f('ck_challenge_aggregation_known')),
    sa.CheckConstraint("normalisation IN ('none', 'zscore', 'additive')", name=op.f('ck_challenge_normalisation_known')),
    sa.CheckConstraint("phase IN ('setup', 'open', 'judging', 'moderation', 'decided', 'published')", name=op.f('ck_challenge_phase_known')),
    sa.CheckConstraint("score_visibility IN ('never', 'after_own', 'always')", name=op.f('ck_challenge_visibility_known')),
    sa.CheckConstraint('budget_pence >= 0', name=op.f('ck_challenge_budget_not_negative')),
    sa.CheckConstraint('closes_at > opens_at', name=op.f('ck_challenge_closes_after_opening')),
    sa.CheckConstraint('disagreement_threshold >= 0', name=op.f('ck_challenge_disagreement_not_negative')),
    sa.CheckConstraint('judge_load_cap >= 1', name=op.f('ck_challenge_load_cap_positive')),
    sa.CheckConstraint('judging_closes_at > closes_at', name=op.f('ck_challenge_judging_after_closing')),
    sa.CheckConstraint('max_award_pence >= 0', name=op.f('ck_challenge_max_award_not_negative')),
    sa.CheckConstraint('max_employees >= 0', name=op.f('ck_challenge_max_employees_not_negative')),
    sa.CheckConstraint('max_proposals_per_statement >= 1', name=op.f('ck_challenge_proposals_per_statement_positive')),
    sa.CheckConstraint('max_turnover_pence >= 0', name=op.f('ck_challenge_max_turnover_not_negative')),
    sa.CheckConstraint('reviews_per_proposal >= 1', name=op.f('ck_challenge_reviews_per_proposal_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_challenge')),
    sa.UniqueConstraint('slug', name=op.f('uq_challenge_slug'))
    )
    op.create_table('organisation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('companies_house_number', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
    sa.Column('employees', sa.Integer(), nullable=True),
    sa.Column('turnover_pence', sa.BigInteger(), nullable=True),
    sa.Column('borough_code', sqlmodel.sql.sqltypes.AutoString(length=9), nullable=True),
    sa.Column('website', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('employees IS NULL OR employees >= 0', name=op.f('ck_organisation_employees_not_negative')),
    sa.CheckConstraint('turnover_pence IS NULL OR turnover_pence >= 0', name=op.f('ck_organisation_turnover_not_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation'))
    )
    op.create_table('app_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('password_hash', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('sso_subject', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('failed_sign_ins', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("role IN ('applicant', 'judge', 'organiser')", name=op.f('ck_app_user_role_known')),
    sa.CheckConstraint('email = lower(email)', name=op.f('ck_app_user_email_lower_case')),
    sa.CheckConstraint('failed_sign_ins >= 0', name=op.f('ck_app_user_failures_not_negative')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_app_user_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
    sa.UniqueConstraint('email', name=op.f('uq_app_user_email')),
    sa.UniqueConstraint('sso_subject', name=op.f('uq_app_user_sso_subject'))
    )
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_app_user_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('criterion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('guidance', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('weight', sa.Float(), nullable=False),
    sa.Column('scale_min', sa.Integer(), nullable=False),
    sa.Column('scale_max', sa.Integer(), nullable=False),
    sa.Column('descriptors', sqlmodel.sql.sqltypes.AutoString(length=10000), nullable=False),
    sa.Column('counts_toward_total', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint('scale_min >= 0 AND scale_max > scale_min', name=op.f('ck_criterion_scale_ordered')),
    sa.CheckConstraint('weight > 0', name=op.f('ck_criterion_weight_positive')),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenge.id'], name=op.f('fk_criterion_challenge_id_challenge')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_criterion')),
    sa.UniqueConstraint('challenge_id', 'key', name=op.f('uq_criterion_challenge_id_key')),
    sa.UniqueConstraint('id', 'scale_min', 'scale_max', name=op.f('uq_criterion_id_scale_min_scale_max'))
    )
    with op.batch_alter_table('criterion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_criterion_challenge_id'), ['challenge_id'], unique=False)

    op.create_table('theme',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('target_budget_share', sa.Float(), nullable=False),
    sa.Column('target_award_share', sa.Float(), nullable=False),
    sa.Column('colour', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint('target_award_share BETWEEN 0 AND 1', name=op.f('ck_theme_award_share_fraction')),
    sa.CheckConstraint('target_budget_share BETWEEN 0 AND 1', name=op.f('ck_theme_budget_share_fraction')),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenge.id'], name=op.f('fk_theme_challenge_id_challenge')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_theme')),
    sa.UniqueConstraint('challenge_id', 'key', name=op.f('uq_theme_challenge_id_key'))
    )
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_theme_challenge_id'), ['challenge_id'], unique=False)

    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('object_type', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=True),
    sa.Column('before', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('after', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['app_user.id'], name=op.f('fk_audit_event_actor_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_actor_id'), ['actor_id'], unique=False)

    op.create_table('challenge_statement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=5000), nullable=False),
    sa.Column('partner', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('max_award_pence', sa.BigInteger(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint('max_award_pence IS NULL OR max_award_pence >= 0', name=op.f('ck_challenge_statement_ceiling_not_negative')),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenge.id'], name=op.f('fk_challenge_statement_challenge_id_challenge')),
    sa.ForeignKeyConstraint(['theme_id'], ['theme.id'], name=op.f('fk_challenge_statement_theme_id_theme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_challenge_statement')),
    sa.UniqueConstraint('challenge_id', 'key', name=op.f('uq_challenge_statement_challenge_id_key'))
    )
    with op.batch_alter_table('challenge_statement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_challenge_statement_challenge_id'), ['challenge_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_challenge_statement_theme_id'), ['theme_id'], unique=False)

    op.create_table('conflict',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('judge_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("source IN ('declared', 'suggested')", name=op.f('ck_conflict_conflict_source_known')),
    sa.CheckConstraint("status IN ('pending', 'confirmed', 'dismissed')", name=op.f('ck_conflict_conflict_status_known')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['app_user.id'], name=op.f('fk_conflict_decided_by_id_app_user')),
    sa.ForeignKeyConstraint(['judge_id'], ['app_user.id'], name=op.f('fk_conflict_judge_id_app_user')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_conflict_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conflict')),
    sa.UniqueConstraint('judge_id', 'organisation_id', name=op.f('uq_conflict_judge_id_organisation_id'))
    )
    with op.batch_alter_table('conflict', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conflict_judge_id'), ['judge_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_conflict_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('invite',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('used_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("role IN ('applicant', 'judge', 'organiser')", name=op.f('ck_invite_invite_role_known')),
    sa.ForeignKeyConstraint(['created_by_id'], ['app_user.id'], name=op.f('fk_invite_created_by_id_app_user')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_invite_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['used_by_id'], ['app_user.id'], name=op.f('fk_invite_used_by_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invite')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_invite_token_hash'))
    )
    op.create_table('judge_expertise',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['theme_id'], ['theme.id'], name=op.f('fk_judge_expertise_theme_id_theme'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_judge_expertise_user_id_app_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_judge_expertise')),
    sa.UniqueConstraint('user_id', 'theme_id', name=op.f('uq_judge_expertise_user_id_theme_id'))
    )
    with op.batch_alter_table('judge_expertise', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_judge_expertise_theme_id'), ['theme_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_judge_expertise_user_id'), ['user_id'], unique=False)

    op.create_table('user_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_user_session_user_id_app_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_session')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_user_session_token_hash'))
    )
    with op.batch_alter_table('user_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_session_user_id'), ['user_id'], unique=False)

    op.create_table('proposal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('statement_id', sa.Integer(), nullable=True),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=150), nullable=False),
    sa.Column('summary', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('problem', sqlmodel.sql.sqltypes.AutoString(length=5000), nullable=False),
    sa.Column('solution', sqlmodel.sql.sqltypes.AutoString(length=5000), nullable=False),
    sa.Column('impact', sqlmodel.sql.sqltypes.AutoString(length=5000), nullable=False),
    sa.Column('milestones', sqlmodel.sql.sqltypes.AutoString(length=5000), nullable=False),
    sa.Column('amount_requested_pence', sa.BigInteger(), nullable=True),
    sa.Column('consent', sa.Boolean(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'submitted', 'withdrawn', 'ineligible', 'eligible', 'shortlisted', 'awarded', 'declined')", name=op.f('ck_proposal_status_known')),
    sa.CheckConstraint('amount_requested_pence IS NULL OR amount_requested_pence >= 0', name=op.f('ck_proposal_amount_not_negative')),
    sa.CheckConstraint('version >= 1', name=op.f('ck_proposal_version_positive')),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenge.id'], name=op.f('fk_proposal_challenge_id_challenge')),
    sa.ForeignKeyConstraint(['created_by_id'], ['app_user.id'], name=op.f('fk_proposal_created_by_id_app_user')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_proposal_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['statement_id'], ['challenge_statement.id'], name=op.f('fk_proposal_statement_id_challenge_statement')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal')),
    sa.UniqueConstraint('reference', name=op.f('uq_proposal_reference'))
    )
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_challenge_id'), ['challenge_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposal_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposal_statement_id'), ['statement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposal_status'), ['status'], unique=False)

    op.create_table('assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('judge_id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('abstain_reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('published', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("state IN ('pending', 'started', 'submitted', 'abstained')", name=op.f('ck_assignment_assignment_state_known')),
    sa.ForeignKeyConstraint(['judge_id'], ['app_user.id'], name=op.f('fk_assignment_judge_id_app_user')),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposal.id'], name=op.f('fk_assignment_proposal_id_proposal')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignment')),
    sa.UniqueConstraint('judge_id', 'proposal_id', name=op.f('uq_assignment_judge_id_proposal_id'))
    )
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assignment_judge_id'), ['judge_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assignment_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('filename', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('size_bytes BETWEEN 1 AND 10485760', name=op.f('ck_attachment_size_capped')),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposal.id'], name=op.f('fk_attachment_proposal_id_proposal'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment')),
    sa.UniqueConstraint('proposal_id', name=op.f('uq_attachment_proposal_id'))
    )
    op.create_table('decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('stage', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('amount_pence', sa.BigInteger(), nullable=True),
    sa.Column('rationale', sqlmodel.sql.sqltypes.AutoString(length=3000), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('released_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("outcome IN ('yes', 'no')", name=op.f('ck_decision_outcome_known')),
    sa.CheckConstraint("stage IN ('shortlist', 'award')", name=op.f('ck_decision_stage_known')),
    sa.CheckConstraint('amount_pence IS NULL OR amount_pence >= 0', name=op.f('ck_decision_amount_not_negative')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['app_user.id'], name=op.f('fk_decision_decided_by_id_app_user')),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposal.id'], name=op.f('fk_decision_proposal_id_proposal')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision')),
    sa.UniqueConstraint('proposal_id', 'stage', name=op.f('uq_decision_proposal_id_stage'))
    )
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('proposal_borough',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('borough_code', sqlmodel.sql.sqltypes.AutoString(length=9), nullable=False),
    sa.CheckConstraint("borough_code LIKE 'E09%'", name=op.f('ck_proposal_borough_borough_code_london')),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposal.id'], name=op.f('fk_proposal_borough_proposal_id_proposal'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_borough')),
    sa.UniqueConstraint('proposal_id', 'borough_code', name=op.f('uq_proposal_borough_proposal_id_borough_code'))
    )
    with op.batch_alter_table('proposal_borough', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_borough_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('proposal_theme',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.Column('is_primary', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposal.id'], name=op.f('fk_proposal_theme_proposal_id_proposal'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['theme.id'], name=op.f('fk_proposal_theme_theme_id_theme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_theme')),
    sa.UniqueConstraint('proposal_id', 'theme_id', name=op.f('uq_proposal_theme_proposal_id_theme_id'))
    )
    with op.batch_alter_table('proposal_theme', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_theme_proposal_id'), ['proposal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposal_theme_theme_id'), ['theme_id'], unique=False)

    op.create_table('proposal_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('snapshot', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposal.id'], name=op.f('fk_proposal_version_proposal_id_proposal'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['app_user.id'], name=op.f('fk_proposal_version_submitted_by_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_version')),
    sa.UniqueConstraint('proposal_id', 'version', name=op.f('uq_proposal_version_proposal_id_version'))
    )
    with op.batch_alter_table('proposal_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_version_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('judge_id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('confidence', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
    sa.Column('comment_for_applicant', sqlmodel.sql.sqltypes.AutoString(length=3000), nullable=False),
    sa.Column('moderated_comment', sqlmodel.sql.sqltypes.AutoString(length=3000), nullable=True),
    sa.Column('note_for_panel', sqlmodel.sql.sqltypes.AutoString(length=3000), nullable=False),
    sa.Column('total', sa.Float(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("confidence IS NULL OR confidence IN ('low', 'medium', 'high')", name=op.f('ck_review_confidence_known')),
    sa.CheckConstraint("state IN ('draft', 'submitted')", name=op.f('ck_review_review_state_known')),
    sa.CheckConstraint('total IS NULL OR (total >= 0 AND total <= 100)', name=op.f('ck_review_total_in_range')),
    sa.ForeignKeyConstraint(['judge_id'], ['app_user.id'], name=op.f('fk_review_judge_id_app_user')),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposal.id'], name=op.f('fk_review_proposal_id_proposal')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review')),
    sa.UniqueConstraint('judge_id', 'proposal_id', name=op.f('uq_review_judge_id_proposal_id'))
    )
    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_judge_id'), ['judge_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('review_score',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('criterion_id', sa.Integer(), nullable=False),
    sa.Column('scale_min', sa.Integer(), nullable=False),
    sa.Column('scale_max', sa.Integer(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.CheckConstraint('score BETWEEN scale_min AND scale_max', name=op.f('ck_review_score_score_within_scale')),
    sa.ForeignKeyConstraint(['criterion_id', 'scale_min', 'scale_max'], ['criterion.id', 'criterion.scale_min', 'criterion.scale_max'], name=op.f('fk_review_score_criterion_id_scale_min_scale_max_criterion'), onupdate='CASCADE'),
    sa.ForeignKeyConstraint(['review_id'], ['review.id'], name=op.f('fk_review_score_review_id_review'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_score')),
    sa.UniqueConstraint('review_id', 'criterion_id', name=op.f('uq_review_score_review_id_criterion_id'))
    )
    with op.batch_alter_table('review_score', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_score_criterion_id'), ['criterion_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_score_review_id'), ['review_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('review_score', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_score_review_id'))
        batch_op.drop_index(batch_op.f('ix_review_score_criterion_id'))

    op.drop_table('review_score')
    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_proposal_id'))
        batch_op.drop_index(batch_op.f('ix_review_judge_id'))

    op.drop_table('review')
    with op.batch_alter_table('proposal_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_version_proposal_id'))

    op.drop_table('proposal_version')
    with op.batch_alter_table('proposal_theme', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_theme_theme_id'))
        batch_op.drop_index(batch_op.f('ix_proposal_theme_proposal_id'))

    op.drop_table('proposal_theme')
    with op.batch_alter_table('proposal_borough', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_borough_proposal_id'))

    op.drop_table('proposal_borough')
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_proposal_id'))

    op.drop_table('decision')
    op.drop_table('attachment')
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assignment_proposal_id'))
        batch_op.drop_index(batch_op.f('ix_assignment_judge_id'))

    op.drop_table('assignment')
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_status'))
        batch_op.drop_index(batch_op.f('ix_proposal_statement_id'))
        batch_op.drop_index(batch_op.f('ix_proposal_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_proposal_challenge_id'))

    op.drop_table('proposal')
    with op.batch_alter_table('user_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_session_user_id'))

    op.drop_table('user_session')
    with op.batch_alter_table('judge_expertise', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_judge_expertise_user_id'))
        batch_op.drop_index(batch_op.f('ix_judge_expertise_theme_id'))

    op.drop_table('judge_expertise')
    op.drop_table('invite')
    with op.batch_alter_table('conflict', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conflict_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_conflict_judge_id'))

    op.drop_table('conflict')
    with op.batch_alter_table('challenge_statement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_challenge_statement_theme_id'))
        batch_op.drop_index(batch_op.f('ix_challenge_statement_challenge_id'))

    op.drop_table('challenge_statement')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_actor_id'))
        batch_op.drop_index(batch_op.f('ix_audit_event_action'))

    op.drop_table('audit_event')
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_theme_challenge_id'))

    op.drop_table('theme')
    with op.batch_alter_table('criterion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_criterion_challenge_id'))

    op.drop_table('criterion')
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_app_user_organisation_id'))

    op.drop_table('app_user')
    op.drop_table('organisation')
    op.drop_table('challenge')

