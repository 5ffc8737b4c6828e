from django.db import models


class TerritoryCategory(models.TextChoices):
    """Categories of the KATOTTG codifier (the letters it uses)."""

    OBLAST = "O", "область / АРК"
    SPECIAL_CITY = "K", "місто зі спеціальним статусом"
    RAION = "P", "район"
    HROMADA = "H", "територіальна громада"
    CITY = "M", "місто"
    URBAN_TYPE_SETTLEMENT = "T", "селище міського типу"
    SETTLEMENT = "X", "селище"
    VILLAGE = "C", "село"
    CITY_DISTRICT = "B", "район у місті"


SETTLEMENT_CATEGORIES = (
    TerritoryCategory.CITY,
    TerritoryCategory.URBAN_TYPE_SETTLEMENT,
    TerritoryCategory.SETTLEMENT,
    TerritoryCategory.VILLAGE,
)
# Statistics count cities and селища (former urban-type settlements) as urban population;
# seed 004's 92.47 % urban share of Selydove hromada counts them so.
URBAN_CATEGORIES = (
    TerritoryCategory.CITY,
    TerritoryCategory.URBAN_TYPE_SETTLEMENT,
    TerritoryCategory.SETTLEMENT,
)


class DisabilityGroup(models.TextChoices):
    GROUP_I = "I", "I група"
    GROUP_II = "II", "II група"
    GROUP_III = "III", "III група"
    CHILD = "child", "діти з інвалідністю"
