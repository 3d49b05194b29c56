# Production image: WeasyPrint's system libraries, Arabic-capable fonts, gunicorn; runs as non-root.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=casework.settings.production \
    CASEWORK_VAR_DIR=/var/lib/casework

RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
      fonts-noto-core fonts-hosny-amiri fonts-dejavu-core gettext \
 && rm -rf /var/lib/apt/lists/*

RUN useradd --system --create-home --home-dir /home/casework casework \
 && mkdir -p /var/lib/casework/private && chown -R casework /var/lib/casework

WORKDIR /app
COPY pyproject.toml README.md ./
COPY casework ./casework
COPY beneficiaries ./beneficiaries
COPY reintegration_plans ./reintegration_plans
COPY grants ./grants
COPY reports ./reports
RUN pip install --no-cache-dir .
COPY . .
# collectstatic needs settings but no secrets: a throw-away key, only for this build step.
RUN DJANGO_SECRET_KEY=collectstatic-only DJANGO_ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/x.sqlite3 \
    CELERY_BROKER_URL=memory:// CELERY_RESULT_BACKEND=cache+memory:// \
    python manage.py collectstatic --noinput

USER casework
EXPOSE 8000
CMD ["gunicorn", "casework.wsgi:application", "--config", "python:casework.gunicorn_conf", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", "--access-logfile", "-"]
