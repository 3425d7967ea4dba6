import type { INodeListSearchItems } from 'n8n-workflow';

/** One user as a "From List" picker shows it. */
export interface PickerUser {
	/** What the locator stores: the user's ID. */
	id: string;
	name: string;
	/** How to tell two people of the same name apart: a phone number, email or code. */
	detail?: string;
	/** Set when the user cannot work now ("deactivated", "inactive"): shown after the name. */
	status?: string;
	/** Other values the search box should find the user by. */
	alsoMatches?: Array<string | null | undefined>;
}

/** Users in the list are 100 to a page, like the vendors' own pages. */
export const PICKER_PAGE_SIZE = 100;

/** `Jane Doe (+12125550147) · deactivated`. */
export function pickerItem(user: PickerUser): INodeListSearchItems {
	const label = user.detail ? `${user.name} (${user.detail})` : user.name;
	return { name: user.status ? `${label} · ${user.status}` : label, value: user.id };
}

/**
 * The users whose name, detail, ID or other values contain every word typed (any case).
 * Applied to the whole directory, never page by page, so a search does not come back empty
 * while matches sit on later pages.
 */
export function searchPicker(users: PickerUser[], filter?: string): INodeListSearchItems[] {
	const words = (filter ?? '').toLowerCase().split(/\s+/).filter(Boolean);
	return users
		.filter((user) => {
			const haystack = [user.name, user.detail, user.id, ...(user.alsoMatches ?? [])]
				.filter(Boolean)
				.join(' ')
				.toLowerCase();
			return words.every((word) => haystack.includes(word));
		})
		.map(pickerItem);
}
