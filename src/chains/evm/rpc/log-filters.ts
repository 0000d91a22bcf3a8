import { TOPICS } from '../constants.js';
import { addressTopic } from '../hex.js';

/** eth_getLogs topic filters; `null` matches anything at that position, an array matches any of its entries. */
export type TopicFilter = readonly (string | readonly string[] | null)[];

/**
 * One filter per direction for a whole window of addresses, addresses OR-ed in one topic position:
 * Transfer in / out (ERC-20 and ERC-721 alike), and ERC-1155 TransferSingle|TransferBatch to / from / by operator.
 */
export function transferLogFilters(addresses: readonly string[]): TopicFilter[] {
  const padded = addresses.map(addressTopic);
  const erc1155 = [TOPICS.transferSingle, TOPICS.transferBatch];
  return [
    [TOPICS.transfer, null, padded],
    [TOPICS.transfer, padded],
    [erc1155, null, null, padded],
    [erc1155, null, padded],
    [erc1155, padded],
  ];
}
