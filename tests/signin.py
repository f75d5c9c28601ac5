"""Signing a test client in as someone, the way the code step of two-factor sign-in leaves it."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from .factories import TOTPDeviceFactory


def sign_in(client, user):
    """``force_login``, then for staff (who must use two-factor sign-in) an authenticator
    device, made if missing, and a session confirmed with it."""
    client.force_login(user)
    if user.is_staff:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDeviceFactory(user=user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
