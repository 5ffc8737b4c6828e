"""XLSForm questionnaires: reading a form (``reading``), what it holds (``definition``), its
expressions (``expressions``) and checking a submission against it (``answers``)."""
