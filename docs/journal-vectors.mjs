// Writes docs/journal-vectors.json: the published test vectors of the Spending journal (issue 12), computed here
// independently of the C# code (ECMAScript's own JSON.stringify and Number formatting are what RFC 8785 specifies).
// Run: node docs/journal-vectors.mjs > docs/journal-vectors.json
import { createHash } from 'node:crypto';

const sha256 = (bytes) => createHash('sha256').update(bytes).digest();
const hex = (bytes) => Buffer.from(bytes).toString('hex');

// RFC 8785: members sorted by UTF-16 code units (the default sort of JavaScript strings), primitives as JSON.stringify writes them.
function canonical(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return '[' + value.map(canonical).join(',') + ']';
  return '{' + Object.keys(value).sort().map((k) => JSON.stringify(k) + ':' + canonical(value[k])).join(',') + '}';
}

const canonicalization = [
  ['rfc8785-section-3.2.2', '{\n  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n  "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",\n  "literals": [null, true, false]\n}'],
  ['rfc8785-section-3.2.3-sorting', '{\n  "\\u20ac": "Euro Sign",\n  "\\r": "Carriage Return",\n  "\\ufb33": "Hebrew Letter Dalet With Dagesh",\n  "1": "One",\n  "\\ud83d\\ude00": "Emoji: Grinning Face",\n  "\\u0080": "Control",\n  "\\u00f6": "Latin Small Letter O With Diaeresis"\n}'],
  ['nested-objects-and-arrays', '{ "b": 1, "a": { "d": [ { "z": 1, "y": "2" } ], "c": null }, "B": true, "": [] }'],
  ['controls-and-non-ascii-strings', '{"s":"tab\\there\\u0001\\u001f\\u007f \\u2028 ë € 😀 </script>"}'],
  ['envelope-with-a-member-no-reader-knows', '{"eventId":"6f0c8a61c2c64f0e9c3b7f5a0d6f2b11","type":"KassierDesignated","occurredAt":"2025-01-20T09:30:00.0000000Z","regionId":"achterhoek","programmeId":null,"correlationId":"c-1","causationId":null,"data":{"organisationCode":"GM0222","organisationName":"Gemeente Doetinchem","effectiveFrom":"2025-01-01"},"schemaVersion":3,"addedLater":{"weights":[0.5,1e21,-0]}}'],
];

// IEEE 754 doubles (hex of their bits) and ECMAScript's text of them; most from RFC 8785 appendix B.
const numberBits = [
  '0000000000000000', '8000000000000000', '0000000000000001', '8000000000000001', '7fefffffffffffff', 'ffefffffffffffff',
  '4340000000000000', 'c340000000000000', '4430000000000000', '44b52d02c7e14af5', '44b52d02c7e14af6', '44b52d02c7e14af7',
  '444b1ae4d6e2ef4e', '444b1ae4d6e2ef4f', '444b1ae4d6e2ef50', '3eb0c6f7a0b5ed8c', '3eb0c6f7a0b5ed8d', '41b3de4355555553',
  '41b3de4355555554', '41b3de4355555555', '41b3de4355555556', '41b3de4355555557', 'becbf647612f3696', '43143ff3c1cb0959',
  '3ff0000000000000', '3fb999999999999a', '4024000000000000', '3f50624dd2f1a9fc',
];
const numbers = numberBits.map((bits) => {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt('0x' + bits));
  return { bits, canonical: JSON.stringify(view.getFloat64(0)) };
});

const prefix = 'npvr-funding/journal';
const genesis = (regionId) => hex(sha256(Buffer.from(`${prefix}\nformat:2\nregion:${regionId}\ngenesis`, 'utf8')));
const entryHash = (regionId, sequence, previousHash, content) =>
  hex(sha256(Buffer.from(`${prefix}\nformat:2\nregion:${regionId}\nsequence:${sequence}\nprevious:${previousHash}\n${content}`, 'utf8')));

// People's names and e-mail addresses (issue 12, point 6): the producer puts "sha256:" + hex(SHA-256(salt || UTF-8(value)))
// in the envelope and the clear value with its salt in the envelope's personalData member, which the journal leaves out
// of the hashed content and keeps beside the entry.
const personalDigest = (saltHex, value) =>
  'sha256:' + hex(sha256(Buffer.concat([Buffer.from(saltHex, 'hex'), Buffer.from(value, 'utf8')])));
const personal = [
  ['contact-email', '000102030405060708090a0b0c0d0e0f', 'regiokassier@doetinchem.nl'],
  ['designated-by', 'f0e1d2c3b4a5968778695a4b3c2d1e0f', 'coordinator@minbzk.nl'],
  ['coordinator-as-actor', '0123456789abcdef0123456789abcdef', 'coordinator@minbzk.nl'],
  ['finance-as-actor', '11111111111111111111111111111111', 'Femke de Vries-Çelik'],
  ['kassier-as-actor', '89abcdef0123456789abcdef0123456789abcdef0123456789abcdef01234567', 'kassier@gm0222.nl'],
].map(([name, salt, value]) => ({ name, salt, value, digest: personalDigest(salt, value) }));
const pd = Object.fromEntries(personal.map((p) => [p.name, p]));
const coordinator = '7c1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
const finance = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const kassier = 'd4c3b2a1-f6e5-4d7c-9b8a-716253443526';
const tenant = '3f6a1c2e-8b4d-4e7f-9a0b-1c2d3e4f5a6b';
const person = (objectId, p) => ({ kind: 'person', objectId, tenantId: tenant, name: p.digest });
const value = (path, kind, objectId, p) => ({ path, kind, objectId, salt: p.salt, value: p.value });

const envelopes = [
  JSON.stringify({
    eventId: 'e-1', type: 'KassierDesignated', occurredAt: '2025-01-20T09:30:00.0000000Z', regionId: 'achterhoek', programmeId: null,
    correlationId: 'c-1', causationId: null,
    data: { regionId: 'achterhoek', organisationCode: 'GM0222', organisationName: 'Gemeente Doetinchem', organisationKind: 'gemeente',
      effectiveFrom: '2025-01-01', contactEmail: pd['contact-email'].digest, designatedAt: '2025-01-20T09:30:00.0000000Z',
      designatedBy: pd['designated-by'].digest },
    actor: person(coordinator, pd['coordinator-as-actor']),
    personalData: [
      value('/data/contactEmail', 'email', null, pd['contact-email']),
      value('/data/designatedBy', 'name', coordinator, pd['designated-by']),
      value('/actor/name', 'name', coordinator, pd['coordinator-as-actor']),
    ],
  }),
  JSON.stringify({
    eventId: 'e-2', type: 'TrancheIssued', occurredAt: '2025-04-01T08:00:00.0000000Z', regionId: 'achterhoek', programmeId: 'npvr-procesmiddelen',
    correlationId: 'c-2', causationId: 'e-1', data: { amount: '341322.31', year: 2025 }, actor: person(finance, pd['finance-as-actor']),
    personalData: [value('/actor/name', 'name', finance, pd['finance-as-actor'])], addedLater: true,
  }),
  JSON.stringify({
    eventId: 'e-3', type: 'TrancheReceived', occurredAt: '2025-04-15T12:00:00.0000000Z', regionId: 'achterhoek', programmeId: 'npvr-procesmiddelen',
    correlationId: 'c-3', causationId: 'e-2', data: { amount: '341322.31', receivedOn: '2025-04-15' },
    actor: { kind: 'system', objectId: null, tenantId: null, name: 'npvr-funding' },
  }),
];
const entries = [];
let previousHash = genesis('achterhoek');
envelopes.forEach((input, i) => {
  const { personalData = [], ...hashed } = JSON.parse(input);
  const content = canonical(hashed);
  const hash = entryHash('achterhoek', i + 1, previousHash, content);
  // What the journal keeps beside the entry; each value's digest is the string its content holds at its path.
  const kept = personalData.map((v) => {
    const digest = v.path.split('/').slice(1).reduce((node, name) => node[name], hashed);
    if (digest !== personalDigest(v.salt, v.value)) throw new Error(`e-${i + 1}: ${v.path} does not match`);
    return { ...v, digest };
  });
  entries.push({ regionId: 'achterhoek', sequence: i + 1, previousHash, input, content, hash, personalData: kept });
  previousHash = hash;
});

// RFC 9162: leaf = SHA-256(0x00 || entry hash bytes), node = SHA-256(0x01 || left || right).
const leafHash = (entryHashHex) => sha256(Buffer.concat([Buffer.from([0]), Buffer.from(entryHashHex, 'hex')]));
const nodeHash = (l, r) => sha256(Buffer.concat([Buffer.from([1]), l, r]));
function mth(leaves) {
  if (leaves.length === 0) return sha256(Buffer.alloc(0));
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}
const syntheticLeaf = (i) => leafHash(hex(sha256(Buffer.from(`entry ${i}`, 'utf8'))));
const merkle = [0, 1, 2, 3, 4, 5, 7, 8, 1000, 1001].map((size) => ({
  size, rootHash: hex(mth(Array.from({ length: size }, (_, i) => syntheticLeaf(i + 1)))),
}));

console.log(JSON.stringify({
  description: 'Test vectors of the Npvr.Funding Spending journal (issue 12), written by docs/journal-vectors.mjs. ' +
    'canonicalization: input text, its RFC 8785 canonical text, SHA-256 (hex) of the canonical text as UTF-8. ' +
    'numbers: IEEE 754 double bits and their canonical text. genesis: the format-2 genesis hash of each region. ' +
    'personalData: salt (hex), value and digest = "sha256:" + hex(SHA-256(salt bytes || UTF-8 value)). ' +
    'entries: a format-2 chain of achterhoek: input is the envelope as a producer sends it, content its canonical text without ' +
    'the personalData member (hash as docs/decisions.md states), personalData what the journal keeps beside the entry. ' +
    'merkle: RFC 9162 roots of trees whose leaf i (1-based) is the entry hash SHA-256(UTF-8("entry i")).',
  canonicalization: canonicalization.map(([name, input]) => {
    const text = canonical(JSON.parse(input));
    return { name, input, canonical: text, sha256: hex(sha256(Buffer.from(text, 'utf8'))) };
  }),
  numbers,
  genesis: ['achterhoek', 'twente', 'zuid-limburg'].map((regionId) => ({ regionId, hash: genesis(regionId) })),
  personalData: personal,
  entries,
  merkle,
  refused: ['{"a":1,"a":2}', '{"big":9007199254740993}', '{"s":"\\ud800"}', '[1,]', '{"x":1} trailing'],
}, null, 2));
