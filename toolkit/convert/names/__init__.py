"""Finding persons, places and organisations in Russian text and linking them to the
registers: the entity finder (`entities`), the registers as a gazetteer of places and
organisations (`gazetteer`), persons and whom a mention names (`persons`), typos in names
(`typos`), and the morphology they all rest on (`morph`)."""
