"""Finding persons, places and organisations in Russian text and linking them to the
registers. Imports run one way, top to bottom:

- `entities`: the finder, which runs the rules over a document and keeps the strongest
  mentions; candidate register keys;
- `ner` (natasha's spans, NER places and organisations), `orgs` (organisation rules),
  `person_mentions` (person spans and surnames alone), over a `block` of text;
- `gazetteer` (register places and organisations), `persons` (whom a personal name
  refers to), `typos` (near-miss spellings of names);
- `morph`: the morphology they all rest on (pymorphy3).

`suggest` stands beside them: which reviewed entry a candidate place, organisation or
person may be, for `tei-edition entities`."""
