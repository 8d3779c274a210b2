/**
 * Obviously fictional names for the synthetic demo clinic: botanical and whimsical given
 * names with invented family names, so no demo record can be mistaken for a real person.
 */
export const DEMO_GIVEN_NAMES = [
  'Aster', 'Bramble', 'Cobalt', 'Dune', 'Ember', 'Fennel', 'Garnet', 'Hazel', 'Indigo', 'Juniper',
  'Kestrel', 'Lumen', 'Moss', 'Nimbus', 'Orchid', 'Pebble', 'Quill', 'Rowan', 'Sable', 'Thistle',
  'Umber', 'Vesper', 'Willow', 'Yarrow', 'Zephyr',
];

export const DEMO_FAMILY_NAMES = [
  'Sampleton', 'Testwell', 'Mockridge', 'Dummyford', 'Pretendo', 'Fictivo', 'Exampleby', 'Madeupson',
  'Notreal', 'Imaginaro', 'Specimenn', 'Stubbington',
];

export const DEMO_ALLERGENS = [
  { substance: 'Penicillin', reaction: 'Hives', severity: 'moderate' as const },
  { substance: 'Sulfonamides', reaction: 'Rash', severity: 'mild' as const },
  { substance: 'Codeine', reaction: 'Nausea and vomiting', severity: 'mild' as const },
  { substance: 'Latex', reaction: 'Contact dermatitis', severity: 'mild' as const },
  { substance: 'Benzodiazepines', reaction: 'Paradoxical agitation', severity: 'moderate' as const },
  { substance: 'Clonidine', reaction: 'Severe hypotension', severity: 'severe' as const },
  { substance: 'Peanuts', reaction: 'Anaphylaxis', severity: 'severe' as const },
];
