import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../shared/errors';

const LOOK_UP_BY = [
	{ name: 'ID', value: 'id', description: 'The user ID, e.g. users:7d2f1c9e-…' },
	{ name: 'AAA ID', value: 'aaaId', description: 'The ID of the platform (AAA) user' },
	{ name: 'User Code', value: 'userCode', description: 'Your own code for the user' },
	{ name: 'Unique Code', value: 'uniqueCode', description: 'The unique code OS1 assigned' },
];

/** "Look Up By" + "User" for every operation on one user; OS1 takes refs as `ref:<value>`. */
export function userLocatorFields(description: string): INodeProperties[] {
	return [
		{
			displayName: 'Look Up By',
			name: 'lookUpBy',
			type: 'options',
			options: LOOK_UP_BY,
			default: 'id',
		},
		{
			displayName: 'User',
			name: 'userId',
			type: 'string',
			required: true,
			default: '',
			description,
		},
	];
}

/** The path segment for one item's user: the id, or `ref:<external ref>`, URL-encoded. */
export function userSegment(context: IExecuteFunctions, itemIndex: number): string {
	const by = context.getNodeParameter('lookUpBy', itemIndex, 'id') as string;
	const value = String(context.getNodeParameter('userId', itemIndex, '') ?? '').trim();
	if (!value) throw invalidInput(context.getNode(), itemIndex, 'User', 'enter the user to act on');
	return `/${encodeURIComponent(by === 'id' ? value : `ref:${value}`)}`;
}

/** `+` and 1–3 digits (OS1 also allows `+1-264`-style codes). */
export const COUNTRY_CODE = /^\+(\d-)?\d{1,3}$/;

export const CATEGORIES = ['Adhoc', 'Regular'];
export const EMPLOYMENT_TYPES = ['Contract', 'Full-time', 'N/A', 'Part-time'];
