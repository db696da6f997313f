# gunicorn settings for scripts/serve.sh (and production: `gunicorn -c config/gunicorn.conf.py ...`).
# The access log goes to stdout with manage-link tokens, unit links and search terms redacted.
accesslog = "-"
logger_class = "config.gunicorn_logging.RedactingLogger"
graceful_timeout = 10
timeout = 120
# No control socket (~/.gunicorn/gunicorn.ctl): several servers on one machine would share that one path.
control_socket_disable = True
