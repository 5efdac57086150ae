from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    """Uploaded files go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path
