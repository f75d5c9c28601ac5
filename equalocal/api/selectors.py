"""Reads of personal API tokens."""

from django.db.models import F, QuerySet
from django.shortcuts import get_object_or_404

from .models import ApiToken


def tokens_of(user) -> QuerySet:
    """The user's tokens, active ones first, newest first."""
    return ApiToken.objects.filter(user=user).order_by(
        F("revoked_at").asc(nulls_first=True), "-created_at"
    )


def get_token_for_user(user, token_pk: int) -> ApiToken:
    """One of the user's own tokens; anybody else's does not exist for them (404)."""
    return get_object_or_404(ApiToken, pk=token_pk, user=user)
