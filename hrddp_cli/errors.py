"""The errors hrddp raises, and the one boundary that turns them into exit codes.

The core raises :class:`HrddpError` for anything the user can fix (a bad flag, a broken
configuration, an unknown revision); :func:`error_boundary` maps it to exit 2 with a one-line
message. Anything else is a bug: exit 3, one line, and a traceback only with ``--debug``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from hrddp_cli.visible import plain

EXIT_OK = 0
EXIT_FAIL = 1  # the command did its job and found what it is asked to fail on
EXIT_USAGE = 2  # usage or configuration error
EXIT_INTERNAL = 3  # a bug in hrddp


class HrddpError(Exception):
    """A problem the user can fix: reported in one line, exit 2."""

    exit_code = EXIT_USAGE


class UsageError(HrddpError):
    """A flag, argument or path that cannot be used as given."""


class ConfigError(HrddpError):
    """``hrddp.yaml`` (or ``--config``) cannot be read or does not match its schema."""


class Failed(Exception):
    """Raised by a command to exit 1 after it printed its result (errors found, --fail-on …)."""

    exit_code = EXIT_FAIL


@contextmanager
def error_boundary(debug: bool = False) -> Iterator[None]:
    """Map exceptions escaping a command to exit codes; never let a traceback reach a user."""
    try:
        yield
    except HrddpError as error:
        # It may quote a path or a key a pull request chose: each of its lines is shown as data.
        print("hrddp: error: " + "\n".join(plain(line) for line in str(error).split("\n")), file=sys.stderr)
        raise SystemExit(error.exit_code) from None
    except Failed:
        raise SystemExit(EXIT_FAIL) from None
    except KeyboardInterrupt:
        print("hrddp: interrupted", file=sys.stderr)
        raise SystemExit(130) from None
    except BrokenPipeError:
        # The reader went away (`hrddp … | head`): not an error of ours, and nothing to say.
        raise SystemExit(EXIT_OK) from None
    except Exception as error:
        if debug:
            import traceback

            traceback.print_exc()
        # The exception's text is left out on purpose: it may quote dossier content.
        print(
            f"hrddp: internal error ({type(error).__name__}). This is a bug in hrddp; "
            "rerun with --debug for the details and report it.",
            file=sys.stderr,
        )
        raise SystemExit(EXIT_INTERNAL) from None
