"""Every ``/v1`` router, in the order they appear in the OpenAPI document."""

from api.calls.views import router as calls
from api.feedback.views import router as feedback
from api.leads.views import router as leads
from api.reviews.views import router as reviews
from api.rubrics.views import router as rubrics
from api.webhooks.views import router as webhooks

ROUTERS = (calls, reviews, leads, feedback, rubrics, webhooks)
