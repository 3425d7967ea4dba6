import type {
	IExecuteFunctions,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';

import { isObject, type AnswerCheck } from '../../../shared/answers';
import { urlPath } from '../../../shared/url';
import { requireId } from '../../../shared/validate';

/**
 * How a user can be picked. OS1 addresses a user by ID, or by an external reference written
 * `ref:<value>`: the platform (AAA) user ID, your own user code or OS1's unique code.
 */
const REFERENCE_MODES = ['aaaId', 'userCode', 'uniqueCode'];

/** The "User" picker of every operation on one user. */
export function userLocator(description: string): INodeProperties {
	return {
		displayName: 'User',
		name: 'userId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a user…',
				typeOptions: { searchListMethod: 'searchUsers', searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. users:7d2f1c9e-4b1a-4c55-9a5e-2f0c8f7e6a11',
				hint: 'The user ID OS1 returns as "id"',
			},
			{
				displayName: 'AAA ID',
				name: 'aaaId',
				type: 'string',
				placeholder: 'e.g. aaa-00042',
				hint: 'The ID of the platform (AAA) account behind the user',
			},
			{
				displayName: 'User Code',
				name: 'userCode',
				type: 'string',
				placeholder: 'e.g. U-00042',
				hint: 'The code your organisation gave the user',
			},
			{
				displayName: 'Unique Code',
				name: 'uniqueCode',
				type: 'string',
				placeholder: 'e.g. EMP00042',
				hint: 'The unique code OS1 assigned to the user',
			},
		],
	};
}

/**
 * The path for one item's user: the id, or `ref:<external ref>`, as one encoded segment. A
 * plain string (not picked with the locator) is read as an ID.
 */
export function userSegment(context: IExecuteFunctions, itemIndex: number): string {
	const picked = context.getNodeParameter('userId', itemIndex, '') as
		| INodeParameterResourceLocator
		| string;
	const mode = typeof picked === 'object' && picked !== null ? picked.mode : 'id';
	const value = requireId(
		context.getNode(),
		itemIndex,
		'User',
		context.getNodeParameter('userId', itemIndex, '', { extractValue: true }),
	);
	return urlPath`/${REFERENCE_MODES.includes(mode) ? `ref:${value}` : value}`;
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
