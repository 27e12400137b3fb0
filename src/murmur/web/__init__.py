"""The clinician's web app: static files served at ``/`` that talk only to the Heidi v2 API."""
