"""Finding persons, places and organisations in Russian text and linking them to the
registers: the entity finder (`entities`), the registers as a gazetteer (`gazetteer`) and
the morphology it rests on (`morph`)."""
