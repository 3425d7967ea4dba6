import { seededRandom, seededUuid } from './random.mjs';

const FIRST = [
	'Ava',
	'Liam',
	'Maya',
	'Noah',
	'Zara',
	'Ethan',
	'Priya',
	'Lucas',
	'Amara',
	'Mateo',
	'Chloe',
	'Omar',
	'Ines',
	'Kenji',
	'Sofia',
	'Diego',
	'Hana',
	'Felix',
	'Leila',
	'Tomas',
	'Aisha',
	'Jonas',
	'Nora',
	'Ravi',
	'Elena',
	'Kwame',
	'Yuki',
	'Marco',
	'Freya',
	'Arjun',
];
const LAST = [
	'Okafor',
	'Lindqvist',
	'Sharma',
	'Garcia',
	'Nakamura',
	'Dubois',
	'Mensah',
	'Rossi',
	'Kowalski',
	'Haddad',
	'Fernandes',
	'Novak',
	'Osei',
	'Tanaka',
	'Moreau',
	'Silva',
	'Ibrahim',
	'Larsen',
	'Patel',
	'Costa',
	'Weber',
	'Ahmed',
	'Brennan',
	'Kaur',
	'Vargas',
	'Schmidt',
	'Adeyemi',
	'Horvat',
	'Reyes',
	'Murphy',
];
const JOBS = [
	'Driver',
	'Dispatcher',
	'Warehouse Associate',
	'Supervisor',
	'Safety Lead',
	'Biller',
	'Fleet Manager',
	'Picker',
	'Loader',
	'Site Manager',
];

/**
 * The cast every sandbox seeds from, so the same person exists in ĀLO, Alvys and OS1 (what
 * the directory-sync and offboarding examples join on). Deterministic for a given seed.
 */
export function generatePeople(count, seed = 42) {
	const random = seededRandom(seed);
	const pick = (list) => list[Math.floor(random() * list.length)];
	const people = [];
	for (let i = 0; i < count; i++) {
		const firstName = pick(FIRST);
		const lastName = pick(LAST);
		const n = String(i + 1).padStart(5, '0');
		people.push({
			index: i,
			uuid: seededUuid(random),
			firstName,
			lastName,
			email: `${firstName}.${lastName}.${n}@example.com`.toLowerCase(),
			// +1 555 01xx-xxxx: reserved for fiction, unique per person.
			phone: `+1555${String(1000000 + i).slice(-7)}`,
			jobTitle: pick(JOBS),
			// Every 10th person is no longer active anywhere; a few leave only some systems.
			active: i % 10 !== 9,
			createdAt: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
		});
	}
	return people;
}
