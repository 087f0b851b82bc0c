"""Background tasks shared by the platform. Inline by default; a database queue with `db_worker` in production."""

from django_tasks import task


@task()
def count_places(nation: str = "") -> int:
    """Example task used to prove the queue works end to end: counts current places, optionally in a nation."""
    from inclusive_cities.network.models import Place

    places = Place.objects.filter(is_current=True, is_uk_local_authority=True, is_lower_tier_or_unitary=True)
    if nation:
        places = places.filter(nation=nation)
    return places.count()
