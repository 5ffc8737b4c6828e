"""Pages of consultations: public (``public``), the hromada's work on them (``manage``),
proposals (``proposals``) and uploaded documents (``documents``)."""
