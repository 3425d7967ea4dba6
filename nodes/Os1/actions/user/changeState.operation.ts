import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionalText, requireJsonObject, requireText } from '../../../shared/validate';
import { optionsCollection } from '../../../shared/descriptions';
import type { Os1Client } from '../../transport';
import { aState, userLocatorFields, userSegment } from './common';

const properties: INodeProperties[] = [
	...userLocatorFields('The user to move to another lifecycle state'),
	{
		displayName: 'To State',
		name: 'toState',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'active:available',
		description:
			'Target state: onboarding, active, deboarding or inactive, optionally with a sub-state after a colon',
	},
	optionsCollection([
		{
			displayName: 'Reason Code',
			name: 'reasonCode',
			type: 'string',
			default: '',
			placeholder: 'R-104',
		},
		{
			displayName: 'Data (JSON)',
			name: 'data',
			type: 'json',
			default: '{}',
			description: 'Extra data recorded with the state change',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['changeState'] } },
	properties,
);

/** PUT {usersPath}/{id}/state: https://docs.getos1.com/how-to-change-state-of-a-user */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: Os1Client,
): Promise<IDataObject> {
	const toState = requireText(
		this.getNode(),
		itemIndex,
		'To State',
		this.getNodeParameter('toState', itemIndex, ''),
		100,
	);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return await changeState(this, client, itemIndex, toState, options);
}

export async function changeState(
	context: IExecuteFunctions,
	client: Os1Client,
	itemIndex: number,
	toState: string,
	options: IDataObject,
): Promise<IDataObject> {
	const node = context.getNode();
	const path = `${userSegment(context, itemIndex)}/state`;
	const body: IDataObject = { toState };
	const reasonCode = optionalText(node, itemIndex, 'Reason Code', options.reasonCode, 100);
	if (reasonCode) body.reasonCode = reasonCode;
	if (options.data !== undefined && options.data !== '')
		body.data = requireJsonObject(node, itemIndex, 'Data (JSON)', options.data) as IDataObject;
	// Not retried after an unclear failure: if the move went through, repeating it is an
	// invalid transition (the user is already there), which would be reported as a failure.
	return await client.request(
		'PUT',
		path,
		{ body },
		{
			itemIndex,
			safety: 'unsafe',
			expect: aState,
			checkHint: 'Read the user with Get State to see whether the move happened.',
		},
	);
}
