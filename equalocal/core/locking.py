"""Optimistic locking: detect that a record changed since a person opened it."""

from django.db.models import F
from django.utils.translation import gettext as _

from .errors import ConcurrentEditError


def claim_lock(model, instance, expected: int | None) -> None:
    """Bump ``lock_version`` if it is still ``expected``; else raise ConcurrentEditError.

    The conditional UPDATE makes the check and the claim one atomic step, so two
    saves of the same version cannot both win. Call it inside the saving transaction.
    """
    if instance.pk is None:
        return
    if expected is None:
        # A save without a version (a command, a bulk change) still moves the version on,
        # so people holding the old one are warned.
        model.objects.filter(pk=instance.pk).update(lock_version=F("lock_version") + 1)
        instance.lock_version = model.objects.values_list("lock_version", flat=True).get(
            pk=instance.pk
        )
        return
    claimed = model.objects.filter(pk=instance.pk, lock_version=expected).update(
        lock_version=F("lock_version") + 1
    )
    if not claimed:
        raise ConcurrentEditError(
            _(
                "Someone else saved this in the meantime. Your changes were not saved; "
                "compare them with the current version below and save again."
            ),
            current=model.objects.get(pk=instance.pk),
        )
    instance.lock_version = expected + 1
