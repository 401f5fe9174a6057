import { runConnectorContract } from '../contract';

runConnectorContract('dingtalk');
