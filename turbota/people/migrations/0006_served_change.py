"""The counts of people served (``people.served``), filled from the episodes already
written. The SQL is frozen here as it was when the table came: later changes to
``people.served`` do not change what this migration did."""

import django.db.models.deletion
from django.db import migrations, models

CHANGES = """
INSERT INTO people_servedchange (hromada_id, settlement_id, service_id, sex, year, change)
WITH spans AS (
    SELECT person_id, service_id, {start} AS from_year, {end} AS to_year
    FROM people_serviceepisode WHERE status <> 'cancelled'
),
edges AS (
    SELECT person_id, service_id, from_year AS year FROM spans
    UNION
    SELECT person_id, service_id, to_year + 1 FROM spans WHERE to_year IS NOT NULL
),
changes AS (
    SELECT e.person_id, e.service_id, e.year,
        MAX(CASE WHEN s.from_year <= e.year AND (s.to_year IS NULL OR s.to_year >= e.year)
            THEN 1 ELSE 0 END)
        - MAX(CASE WHEN s.from_year < e.year AND (s.to_year IS NULL OR s.to_year >= e.year - 1)
            THEN 1 ELSE 0 END) AS change
    FROM edges e JOIN spans s ON s.person_id = e.person_id AND s.service_id = e.service_id
    GROUP BY e.person_id, e.service_id, e.year
)
SELECT p.hromada_id, p.settlement_id, c.service_id, p.sex, c.year, SUM(c.change)
FROM changes c JOIN people_person p ON p.id = c.person_id
WHERE c.change <> 0
GROUP BY p.hromada_id, p.settlement_id, c.service_id, p.sex, c.year
"""
YEAR = {
    "postgresql": "EXTRACT(YEAR FROM {})::int",
    "sqlite": "CAST(strftime('%Y', {}) AS INTEGER)",
}


def count_served(apps, schema_editor):
    year = YEAR[schema_editor.connection.vendor]
    schema_editor.execute(
        CHANGES.format(start=year.format("start_date"), end=year.format("end_date"))
    )


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0001_initial'),
        ('people', '0005_identity_order_index'),
        ('territories', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='ServedChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sex', models.CharField(choices=[('female', 'жінки'), ('male', 'чоловіки')], max_length=6, verbose_name='стать')),
                ('year', models.SmallIntegerField(verbose_name='рік')),
                ('change', models.IntegerField(verbose_name='зміна кількості отримувачів')),
                ('hromada', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='territories.territory', verbose_name='громада')),
                ('service', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='catalog.service', verbose_name='послуга')),
                ('settlement', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='territories.territory', verbose_name='населений пункт проживання')),
            ],
            options={
                'verbose_name': 'зміна кількості отримувачів за рік',
                'verbose_name_plural': 'зміни кількості отримувачів за роками',
                'constraints': [models.UniqueConstraint(fields=('hromada', 'settlement', 'service', 'sex', 'year'), name='served_change_once')],
            },
        ),
        migrations.RunPython(count_served, migrations.RunPython.noop),
    ]
