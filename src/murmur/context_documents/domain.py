"""Values the context-documents feature owns."""

PARSE_JOB = "parse_context_document"  # the job kind that reads a document's text
