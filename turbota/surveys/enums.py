from django.db import models


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", "чернетка"
    OPEN = "open", "приймає відповіді"
    CLOSED = "closed", "збір завершено"
    PUBLISHED = "published", "результати оприлюднено"


class SurveyKind(models.TextChoices):
    GENERAL = "general", "опитування мешканців"
    SATISFACTION = "satisfaction", "опитування задоволеності послугами"


class ResponseChannel(models.TextChoices):
    WEB = "web", "вебформа"
    PAPER = "paper", "паперова анкета"
    IMPORT = "import", "імпорт з файлу"


class AssessmentKind(models.TextChoices):
    """CMU 449: the provider assesses itself; the department assesses from outside."""

    INTERNAL = "internal", "внутрішнє (самооцінювання надавача)"
    EXTERNAL = "external", "зовнішнє (структурний підрозділ громади)"


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", "чернетка"
    FINAL = "final", "завершено"


class QualityIndicator(models.TextChoices):
    COMPLAINTS = "complaints", "скарг на 100 отримувачів"
    APPLICATIONS = "applications", "частка задоволених звернень, %"
    STAFF_TRAINED = "staff_trained", "частка працівників, що пройшли навчання, %"
    SATISFACTION = "satisfaction", "частка задоволених отримувачів, %"


class IndicatorSource(models.TextChoices):
    COMPUTED = "computed", "обчислено з даних Турботи"
    ENTERED = "entered", "введено"


class ComplaintChannel(models.TextChoices):
    WRITTEN = "written", "письмово"
    ORAL = "oral", "усно"
    PHONE = "phone", "телефоном"
    EMAIL = "email", "електронною поштою"
    OTHER = "other", "інше"


class ComplaintStatus(models.TextChoices):
    REGISTERED = "registered", "зареєстровано"
    REVIEWING = "reviewing", "розглядається"
    UPHELD = "upheld", "обґрунтована"
    PARTLY_UPHELD = "partly_upheld", "частково обґрунтована"
    REJECTED = "rejected", "необґрунтована"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "у черзі"
    RUNNING = "running", "готується"
    DONE = "done", "готово"
    FAILED = "failed", "не вдалося"
    REMOVED = "removed", "файл видалено"
