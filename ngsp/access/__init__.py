"""Who may see what: the sign-in settings, the two roles, and the tracker a viewer may see.

No Streamlit here: the app hands in ``st.secrets`` as a plain dict. With nothing configured the app serves one
user on this computer, who is the convener. On a shared server ``[ngsp.auth]`` in ``.streamlit/secrets.toml``
turns on a shared password or OpenID Connect sign-in (Streamlit's ``st.login``), and gives each person a role:

- convener: everything, as on a laptop;
- viewer (a funder, a board member): aggregates only. ``redact`` builds the tracker they see, with no person's
  name, email, phone number or title anywhere in it, so every page, chart and export drawn from it is safe by
  construction. Viewers upload nothing, download no row-level files and write nothing to the local store.

The sign-in side lives in `ngsp.access.signin`, the viewer's tracker in `ngsp.access.redact`; what callers use
is re-exported here.
"""

from __future__ import annotations

from ngsp.access.redact import (
    EMAIL_REMOVED,
    INDIVIDUAL,
    NAME_REMOVED,
    PERSON,
    PHONE_REMOVED,
    SOME_PARTNER,
    Scrubber,
    is_individual,
    redact,
    redact_diff,
)
from ngsp.access.signin import (
    CONVENER,
    KEY_BYTES,
    MAX_SIGN_IN_FAILURES,
    MAX_SIGN_IN_WAIT_SECONDS,
    MIN_PASSWORD_LENGTH,
    MODES,
    ROLES,
    SALT_BYTES,
    SCRYPT_N,
    SCRYPT_P,
    SCRYPT_R,
    SIGN_IN_WAIT_SECONDS,
    VIEWER,
    AccessConfigError,
    AuthSettings,
    SignInLimiter,
    address_key,
    can_edit,
    hash_password,
    role_for_email,
    role_for_password,
    role_for_user,
    settings,
    sign_in_wait,
    verify_password,
)

__all__ = [
    "CONVENER",
    "EMAIL_REMOVED",
    "INDIVIDUAL",
    "KEY_BYTES",
    "MAX_SIGN_IN_FAILURES",
    "MAX_SIGN_IN_WAIT_SECONDS",
    "MIN_PASSWORD_LENGTH",
    "MODES",
    "NAME_REMOVED",
    "PERSON",
    "PHONE_REMOVED",
    "ROLES",
    "SALT_BYTES",
    "SCRYPT_N",
    "SCRYPT_P",
    "SCRYPT_R",
    "SIGN_IN_WAIT_SECONDS",
    "SOME_PARTNER",
    "VIEWER",
    "AccessConfigError",
    "AuthSettings",
    "Scrubber",
    "SignInLimiter",
    "address_key",
    "can_edit",
    "hash_password",
    "is_individual",
    "redact",
    "redact_diff",
    "role_for_email",
    "role_for_password",
    "role_for_user",
    "settings",
    "sign_in_wait",
    "verify_password",
]
