"""Every table, imported in one place so Alembic and ``create_all`` see the whole schema."""

from api.calls.models import Call, DetectionRow, Grade, GradeItem, TranscriptRow
from api.db.base import Base
from api.leads.models import Lead, LeadEvent
from api.queue.models import JobRow
from api.reviews.models import Comment, Dispute, Override
from api.rubrics.models import RubricVersion
from api.users.models import ApiKey, Team, User, team_members
from api.webhooks.models import Delivery, Subscription

__all__ = [
    "ApiKey", "Base", "Call", "Comment", "Delivery", "DetectionRow", "Dispute", "Grade", "GradeItem", "JobRow",
    "Lead", "LeadEvent", "Override", "RubricVersion", "Subscription", "Team", "TranscriptRow", "User",
    "team_members",
]
