import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isObject, type AnswerCheck } from '../../../shared/answers';
import { urlPath } from '../../../shared/url';
import { requireId } from '../../../shared/validate';

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

/** The path for one item's user: the id, or `ref:<external ref>`, as one encoded segment. */
export function userSegment(context: IExecuteFunctions, itemIndex: number): string {
	const by = context.getNodeParameter('lookUpBy', itemIndex, 'id') as string;
	const value = requireId(
		context.getNode(),
		itemIndex,
		'User',
		context.getNodeParameter('userId', itemIndex, ''),
	);
	return urlPath`/${by === 'id' ? value : `ref:${value}`}`;
}

/** A single user: an object with its id. */
export const aUser: AnswerCheck = (data) =>
	isObject(data) && typeof data.id === 'string' && data.id !== '' ? undefined : 'a user with an ID';

/** A lifecycle state: an object with a `state`. */
export const aState: AnswerCheck = (data) =>
	isObject(data) && typeof data.state === 'string' && data.state !== ''
		? undefined
		: 'a user state';

export const CATEGORIES = ['Adhoc', 'Regular'];
export const EMPLOYMENT_TYPES = ['Contract', 'Full-time', 'N/A', 'Part-time'];
