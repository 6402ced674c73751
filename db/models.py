"""SQLAlchemy models for Tailor's own tables (Chainlit's and LangGraph's live in migrations only).

Every row a person owns points at ``accounts`` with ON DELETE CASCADE, so deleting an account
deletes everything of theirs in one statement.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from core.roles import ADMIN

DOCUMENT_KINDS = ("resume", "cover_letter")
# An application's stages, in the order `/jobs` shows them.
JOB_STATUSES = ("saved", "applied", "interviewing", "offer", "rejected", "withdrawn")
_STATUS_CHECK = "status IN (" + ", ".join(f"'{s}'" for s in JOB_STATUSES) + ")"

# Stable constraint names so migrations can refer to them and autogenerate compares cleanly.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {
        dict[str, Any]: JSONB,
        dt.datetime: DateTime(timezone=True),
        uuid.UUID: UUID(as_uuid=True),
        bytes: LargeBinary,
    }
    # Read server-side values (updated_at, defaults) back with RETURNING: under asyncio a lazy
    # refresh after flush would raise instead of loading.
    __mapper_args__ = {"eager_defaults": True}


def _now_column() -> Mapped[dt.datetime]:
    return mapped_column(server_default=func.now())


def _owner_column() -> Mapped[uuid.UUID]:
    return mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)


class Account(Base):
    __tablename__ = "accounts"
    __table_args__ = (
        CheckConstraint("roles <@ ARRAY['user', 'admin']::text[]", name="known_roles"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    username: Mapped[str] = mapped_column(Text)  # as typed, for display
    # Case-folded form: "Alice" and "alice" are the same person.
    username_key: Mapped[str] = mapped_column(Text, unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    roles: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default=text("'{user}'"))
    is_active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    must_change_password: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    # Part of every login token's check: bumping it signs the person out everywhere.
    session_version: Mapped[int] = mapped_column(Integer, server_default=text("1"))
    last_login_at: Mapped[dt.datetime | None]
    # Self-service accounts: stored case-folded so one address cannot sign up twice; NULL for
    # accounts an administrator created without one.
    email: Mapped[str | None] = mapped_column(Text, unique=True)
    # NULL for ordinary accounts; "unverified" or "pending_approval" while a sign-up is not
    # finished (such accounts are also inactive, so they cannot sign in).
    signup_status: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = _now_column()
    updated_at: Mapped[dt.datetime] = mapped_column(server_default=func.now(), onupdate=func.now())

    @property
    def is_admin(self) -> bool:
        return ADMIN in self.roles


class LoginFailure(Base):
    """Failed sign-ins per key: ``pair:<username_key>|<address>``, ``addr:<client address>``
    or ``user:<username_key>`` (see db/lockout.py for what each one locks)."""

    __tablename__ = "login_failures"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    first_failure_at: Mapped[dt.datetime | None]
    locked_until: Mapped[dt.datetime | None]


class KnownSignInAddress(Base):
    """An address an account signed in from with its password: the account-wide back-off
    against strangers' failures never holds the person back there (db/lockout.py)."""

    __tablename__ = "known_sign_in_addresses"

    account_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    address: Mapped[str] = mapped_column(Text, primary_key=True)
    last_success_at: Mapped[dt.datetime]


class LlmSettings(Base):
    """Model connection per account; the row with no account is the instance default."""

    __tablename__ = "llm_settings"
    __table_args__ = (
        UniqueConstraint(
            "account_id", name="uq_llm_settings_account_id", postgresql_nulls_not_distinct=True
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    account_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE")
    )
    base_url: Mapped[str | None] = mapped_column(Text)
    model: Mapped[str | None] = mapped_column(Text)
    encrypted_key: Mapped[bytes | None]
    timeout_s: Mapped[float | None] = mapped_column(Float)
    updated_at: Mapped[dt.datetime] = mapped_column(server_default=func.now(), onupdate=func.now())


class Resume(Base):
    __tablename__ = "resumes"
    __table_args__ = (
        # At most one primary resume per person.
        Index(
            "uq_resumes_one_primary", "owner_id", unique=True, postgresql_where=text("is_primary")
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = _owner_column()
    name: Mapped[str] = mapped_column(Text)
    markdown: Mapped[str] = mapped_column(Text)
    source_kind: Mapped[str] = mapped_column(Text)  # pdf, docx, markdown, json, interview, ...
    source_file_name: Mapped[str | None] = mapped_column(Text)
    inclusion: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))
    export_options: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))
    is_primary: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    # For an imported resume: which fields the file supports and which file lines it left out.
    fidelity: Mapped[dict[str, Any] | None]
    # Optimistic concurrency: an UPDATE with a stale version raises StaleDataError.
    version: Mapped[int] = mapped_column(Integer, server_default=text("1"))
    created_at: Mapped[dt.datetime] = _now_column()
    updated_at: Mapped[dt.datetime] = mapped_column(server_default=func.now(), onupdate=func.now())

    __mapper_args__ = {"version_id_col": version, "eager_defaults": True}


class Job(Base):
    __tablename__ = "jobs"
    __table_args__ = (CheckConstraint(_STATUS_CHECK, name="known_status"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = _owner_column()
    company: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(Text)
    hiring_manager: Mapped[str | None] = mapped_column(Text)
    posting_text: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(Text)
    analysis: Mapped[dict[str, Any] | None]
    reference_code: Mapped[str | None] = mapped_column(Text)
    # The application's current stage; every change is also kept in job_status_changes.
    status: Mapped[str] = mapped_column(Text, server_default=text("'saved'"))
    status_on: Mapped[dt.date | None] = mapped_column(Date)  # when it happened, as told
    status_note: Mapped[str | None] = mapped_column(Text)
    status_changed_at: Mapped[dt.datetime | None]
    # A job read from a link: the link the person gave, and when its page was read.
    source_url: Mapped[str | None] = mapped_column(Text)
    fetched_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = _now_column()


class JobStatusChange(Base):
    """One change of an application's status, kept (oldest first by id)."""

    __tablename__ = "job_status_changes"
    __table_args__ = (CheckConstraint(_STATUS_CHECK, name="known_status"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    job_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("jobs.id", ondelete="CASCADE"), index=True
    )
    owner_id: Mapped[uuid.UUID] = _owner_column()
    status: Mapped[str] = mapped_column(Text)
    previous_status: Mapped[str] = mapped_column(Text)
    on_date: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = _now_column()


class JobExport(Base):
    """A file exported from one of a job's versions: the exact bytes that may go with the
    application (the file row is kept; its hash is recorded to show it is unchanged)."""

    __tablename__ = "job_exports"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = _owner_column()
    job_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("jobs.id", ondelete="CASCADE"), index=True
    )
    # The version may be deleted later (with its resume); kind and number stay readable.
    version_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("generated_documents.id", ondelete="SET NULL")
    )
    kind: Mapped[str] = mapped_column(Text)
    version_number: Mapped[int] = mapped_column(Integer)
    # No ON DELETE: a file that went with an application is not deleted on its own.
    file_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("files.id"), index=True)
    sha256: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = _now_column()


class GeneratedDocument(Base):
    """One immutable version of a tailored resume or cover letter (no updated_at on purpose)."""

    __tablename__ = "generated_documents"
    __table_args__ = (
        CheckConstraint("kind IN ('resume', 'cover_letter')", name="known_kind"),
        UniqueConstraint(
            "job_id", "kind", "version_number", name="uq_generated_documents_job_kind_version"
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = _owner_column()
    kind: Mapped[str] = mapped_column(Text)
    job_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("jobs.id", ondelete="CASCADE"), index=True
    )
    # Versions outlive the resume they came from: the link is cleared, the text stays.
    source_resume_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("resumes.id", ondelete="SET NULL"), index=True
    )
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("generated_documents.id", ondelete="SET NULL")
    )
    version_number: Mapped[int] = mapped_column(Integer)
    markdown: Mapped[str] = mapped_column(Text)
    instruction: Mapped[str | None] = mapped_column(Text)
    model: Mapped[str | None] = mapped_column(Text)
    prompt_version: Mapped[str | None] = mapped_column(Text)
    fact_check: Mapped[dict[str, Any] | None]
    match_score: Mapped[dict[str, Any] | None]
    # The source lines behind each tailored bullet and the person's accept/revert decisions
    # (engine/provenance.py); None for versions saved before it was stored.
    provenance: Mapped[dict[str, Any] | None]
    created_at: Mapped[dt.datetime] = _now_column()


class ConfirmedFact(Base):
    __tablename__ = "confirmed_facts"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = _owner_column()
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = _now_column()


class StoredFile(Base):
    """Uploaded and generated files, served through an owner-checked route."""

    __tablename__ = "files"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = _owner_column()
    # Chainlit's thread id as text: the thread row may not exist yet when a file arrives.
    thread_id: Mapped[str | None] = mapped_column(Text, index=True)
    object_key: Mapped[str] = mapped_column(Text, unique=True)
    name: Mapped[str] = mapped_column(Text)
    mime: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(BigInteger)
    content: Mapped[bytes]
    created_at: Mapped[dt.datetime] = _now_column()


class AuditEntry(Base):
    """Who did what to whom. Kept when the actor's account is deleted (actor_id becomes NULL)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )
    actor_name: Mapped[str | None] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Text)
    target: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(Text)
    detail: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))
    at: Mapped[dt.datetime] = mapped_column(server_default=func.now(), index=True)


class TailoringProgress(Base):
    """One finished piece (a tailored role) of a tailoring run, kept so a retry can reuse it."""

    __tablename__ = "tailoring_progress"

    owner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    # Hash of the inputs (resume text, job, model): a changed input starts a fresh run.
    run_key: Mapped[str] = mapped_column(Text, primary_key=True)
    item_key: Mapped[str] = mapped_column(Text, primary_key=True)
    data: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime] = _now_column()


class ConversationState(Base):
    """What one chat thread is working on: the active resume and job, the latest version."""

    __tablename__ = "conversation_state"

    # Chainlit's thread id as text: the state may be written before the thread row exists.
    thread_id: Mapped[str] = mapped_column(Text, primary_key=True)
    owner_id: Mapped[uuid.UUID] = _owner_column()
    active_resume_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("resumes.id", ondelete="SET NULL")
    )
    active_job_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("jobs.id", ondelete="SET NULL")
    )
    last_version_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("generated_documents.id", ondelete="SET NULL")
    )
    updated_at: Mapped[dt.datetime] = mapped_column(server_default=func.now(), onupdate=func.now())


class ResumeDraft(Base):
    """An imported resume waiting for the person to confirm its name (nothing saved before that)."""

    __tablename__ = "resume_drafts"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = _owner_column()
    markdown: Mapped[str] = mapped_column(Text)
    source_kind: Mapped[str] = mapped_column(Text)
    source_file_name: Mapped[str | None] = mapped_column(Text)
    suggested_name: Mapped[str] = mapped_column(Text)
    fidelity: Mapped[dict[str, Any] | None]
    # A model-read draft corrected to what the file says, offered to the person instead.
    file_markdown: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = _now_column()


class CoverLetterData(Base):
    """The structured letter behind a cover-letter version, so exports render it by code."""

    __tablename__ = "cover_letter_data"

    document_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("generated_documents.id", ondelete="CASCADE"), primary_key=True
    )
    owner_id: Mapped[uuid.UUID] = _owner_column()
    letter: Mapped[dict[str, Any]]


class AdminConfirmation(Base):
    """A proposed admin action that changes state: the nonce behind a confirmation button.

    Kept server-side so a button payload proves nothing by itself: the click must match a row
    made for the same admin and target, and the row is used up (deleted) by the first click.
    ``params`` is the proposed change itself, so the click does exactly what the button showed.
    """

    __tablename__ = "admin_confirmations"

    nonce: Mapped[str] = mapped_column(Text, primary_key=True)
    actor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    target_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE")
    )
    action: Mapped[str] = mapped_column(Text)
    params: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))
    expires_at: Mapped[dt.datetime]
    created_at: Mapped[dt.datetime] = _now_column()


class LinkToken(Base):
    """A single-use link sent by email (verify an address, reset a password); only its hash."""

    __tablename__ = "link_tokens"

    token_hash: Mapped[str] = mapped_column(Text, primary_key=True)
    account_id: Mapped[uuid.UUID] = _owner_column()
    purpose: Mapped[str] = mapped_column(Text)
    # The account's session version when sent: a password change since then voids the link.
    session_version: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[dt.datetime]
    used_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = _now_column()


class MailRequest(Base):
    """One emailing request (reset, sign-up) per row, counted for rate limits; old rows pruned."""

    __tablename__ = "mail_requests"
    __table_args__ = (Index("ix_mail_requests_key_at", "key", "at"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(server_default=func.now())


class ResumeHistory(Base):
    """A resume's text before one edit, so "undo that" restores it exactly (newest first)."""

    __tablename__ = "resume_history"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    resume_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("resumes.id", ondelete="CASCADE"), index=True
    )
    owner_id: Mapped[uuid.UUID] = _owner_column()
    markdown: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Text)  # the edit that replaced this text
    thread_id: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = _now_column()


class ResumeSeen(Base):
    """The resume text a chat thread last saw, so an edit from a stale tab is refused."""

    __tablename__ = "resume_seen"

    thread_id: Mapped[str] = mapped_column(Text, primary_key=True)
    resume_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("resumes.id", ondelete="CASCADE"), primary_key=True
    )
    owner_id: Mapped[uuid.UUID] = _owner_column()
    markdown: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(server_default=func.now(), onupdate=func.now())


class OneTimeSecret(Base):
    """A secret (a temporary password) an admin may read once, soon, from a link; encrypted."""

    __tablename__ = "one_time_secrets"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    creator_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    # The account whose password it is: deleting that account deletes the secret too.
    account_id: Mapped[uuid.UUID] = _owner_column()
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    expires_at: Mapped[dt.datetime]
    created_at: Mapped[dt.datetime] = _now_column()
