# Django's Arabic formats set the separators but no grouping, so 1208333 showed ungrouped.
# Only what differs from django/conf/locale/ar/formats.py is here; the rest comes from Django.
NUMBER_GROUPING = 3
