import type { IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

/** Every n8n context our nodes send requests from. */
export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;
