"""gunicorn's access log without secrets: every atom of the log line (request line, path, query, referer,
Location, environ values) goes through config.redact, and credential headers are never written."""

from gunicorn.glogging import Logger

from config.redact import REDACTED, SECRET_HEADERS, redact


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key, value in atoms.items():
            name = key[1:-2] if key.startswith("{") else ""
            if name.replace("_", "-").removeprefix("http-") in SECRET_HEADERS:
                atoms[key] = REDACTED
            elif isinstance(value, str):
                atoms[key] = redact(value)
        return atoms
