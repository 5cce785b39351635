"""Pages of a list that may hold millions of rows (the access log): no COUNT over the whole list.

Django's Paginator counts every matching row to know the number of pages; over five million access-log
rows that alone takes longer than the page should. This page fetches one row more than it shows, which
is enough to know whether there is a next page.
"""

from dataclasses import dataclass, field

# Deeper than this is not browsing but exporting: narrow the search instead (an OFFSET costs its rows).
MAX_PAGINA = 1000


@dataclass
class PaginaZonderTelling:
    object_list: list
    number: int
    has_next: bool
    per_pagina: int
    paginator: dict = field(default_factory=lambda: {"num_pages": None})  # unknown, on purpose

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1

    def start_index(self) -> int:
        return (self.number - 1) * self.per_pagina + 1 if self.object_list else 0

    def end_index(self) -> int:
        return (self.number - 1) * self.per_pagina + len(self.object_list)


def pagina_zonder_telling(queryset, nummer, per_pagina: int) -> PaginaZonderTelling:
    try:
        nummer = min(max(int(nummer), 1), MAX_PAGINA)
    except (TypeError, ValueError):
        nummer = 1
    begin = (nummer - 1) * per_pagina
    rijen = list(queryset[begin : begin + per_pagina + 1])
    return PaginaZonderTelling(
        object_list=rijen[:per_pagina], number=nummer, has_next=len(rijen) > per_pagina, per_pagina=per_pagina
    )
