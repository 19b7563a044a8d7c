"""Django's database cache, with an increment that holds when several processes count at once.

Django's `DatabaseCache.incr` reads the value, then writes it back with the default timeout:
two workers counting at once lose one hit, and a counter's window is reset to five minutes.
Here the row is locked (PostgreSQL: `SELECT … FOR UPDATE`; SQLite: the settings open every
transaction with `BEGIN IMMEDIATE`, which holds the write lock) and only the value is written,
so the row keeps its expiry. Used by the rate limits (`core/ratelimit.py`) when Redis is not set.
"""

import base64
import pickle

from django.core.cache.backends import db
from django.db import connections, router, transaction


class DatabaseCache(db.DatabaseCache):
    def incr(self, key, delta=1, version=None):
        database = router.db_for_write(self.cache_model_class)
        connection = connections[database]
        table = connection.ops.quote_name(self._table)
        column = connection.ops.quote_name
        stored_key = self.make_and_validate_key(key, version=version)
        with transaction.atomic(using=database):
            with connection.cursor() as cursor:
                if connection.features.has_select_for_update:
                    cursor.execute(
                        f"SELECT {column('cache_key')} FROM {table} WHERE {column('cache_key')} = %s FOR UPDATE",
                        [stored_key],
                    )
                value = self.get(key, version=version)  # None when missing or expired
                if value is None:
                    raise ValueError(f"Key '{key}' not found")
                value += delta
                pickled = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
                cursor.execute(
                    f"UPDATE {table} SET {column('value')} = %s WHERE {column('cache_key')} = %s",
                    [pickled, stored_key],
                )
        return value
