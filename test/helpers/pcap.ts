/**
 * A minimal pcap writer for replaying chosen traffic through Suricata offline: Ethernet/IPv4 (or IPv6), TCP with a full
 * three-way handshake, then a TLS ClientHello carrying an SNI or an HTTP request with a Host header; also bare SYNs
 * and UDP datagrams. No traffic is ever sent.
 */
import * as ipaddr from "ipaddr.js";

export interface Flow {
  /** A label the test uses to find this flow's verdict. */
  readonly label: string;
  readonly src: string;
  readonly dst: string;
  readonly srcPort: number;
  readonly dstPort: number;
}

export type FlowSpec =
  | (Flow & { kind: "tls"; sni: string })
  | (Flow & { kind: "http"; host: string })
  | (Flow & { kind: "syn" })
  /** A TCP connection that carries raw bytes (no TLS, no HTTP) after the handshake, answered by the server. */
  | (Flow & { kind: "tcp"; payload?: Buffer })
  /** A datagram; with `exchange`, a request, the server's reply and a second request (as DNS retries or QUIC do). */
  | (Flow & { kind: "udp"; payload?: Buffer; exchange?: boolean });

function checksum(buffer: Buffer): number {
  let sum = 0;
  for (let i = 0; i + 1 < buffer.length; i += 2) sum += buffer.readUInt16BE(i);
  if (buffer.length % 2 === 1) sum += (buffer[buffer.length - 1] ?? 0) << 8;
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return ~sum & 0xffff;
}

function ipBytes(ip: string): Buffer {
  return Buffer.from(ipaddr.parse(ip).toByteArray());
}

function isV6(ip: string): boolean {
  return ip.includes(":");
}

function ipPacket(src: string, dst: string, protocol: number, payload: Buffer, id: number): Buffer {
  if (isV6(src)) {
    const header = Buffer.alloc(40);
    header.writeUInt32BE(0x60000000, 0);
    header.writeUInt16BE(payload.length, 4);
    header[6] = protocol;
    header[7] = 64;
    ipBytes(src).copy(header, 8);
    ipBytes(dst).copy(header, 24);
    return Buffer.concat([header, payload]);
  }
  const header = Buffer.alloc(20);
  header[0] = 0x45;
  header.writeUInt16BE(20 + payload.length, 2);
  header.writeUInt16BE(id & 0xffff, 4);
  header.writeUInt16BE(0x4000, 6);
  header[8] = 64;
  header[9] = protocol;
  ipBytes(src).copy(header, 12);
  ipBytes(dst).copy(header, 16);
  header.writeUInt16BE(checksum(header), 10);
  return Buffer.concat([header, payload]);
}

function pseudoHeader(src: string, dst: string, protocol: number, length: number): Buffer {
  if (isV6(src)) {
    const pseudo = Buffer.alloc(40);
    ipBytes(src).copy(pseudo, 0);
    ipBytes(dst).copy(pseudo, 16);
    pseudo.writeUInt32BE(length, 32);
    pseudo[39] = protocol;
    return pseudo;
  }
  const pseudo = Buffer.alloc(12);
  ipBytes(src).copy(pseudo, 0);
  ipBytes(dst).copy(pseudo, 4);
  pseudo[9] = protocol;
  pseudo.writeUInt16BE(length, 10);
  return pseudo;
}

const SYN = 0x02;
const ACK = 0x10;
const PSH = 0x08;

function tcpSegment(
  src: string,
  dst: string,
  sport: number,
  dport: number,
  seq: number,
  ack: number,
  flags: number,
  payload: Buffer,
): Buffer {
  const header = Buffer.alloc(20);
  header.writeUInt16BE(sport, 0);
  header.writeUInt16BE(dport, 2);
  header.writeUInt32BE(seq >>> 0, 4);
  header.writeUInt32BE(ack >>> 0, 8);
  header[12] = 5 << 4;
  header[13] = flags;
  header.writeUInt16BE(65535, 14);
  const segment = Buffer.concat([header, payload]);
  segment.writeUInt16BE(checksum(Buffer.concat([pseudoHeader(src, dst, 6, segment.length), segment])), 16);
  return segment;
}

function udpDatagram(src: string, dst: string, sport: number, dport: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt16BE(sport, 0);
  header.writeUInt16BE(dport, 2);
  header.writeUInt16BE(8 + payload.length, 4);
  const datagram = Buffer.concat([header, payload]);
  datagram.writeUInt16BE(checksum(Buffer.concat([pseudoHeader(src, dst, 17, datagram.length), datagram])) || 0xffff, 6);
  return datagram;
}

function ethernet(ipPacketBytes: Buffer, v6: boolean): Buffer {
  const header = Buffer.alloc(14);
  Buffer.from([0x02, 0, 0, 0, 0, 0x02]).copy(header, 0);
  Buffer.from([0x02, 0, 0, 0, 0, 0x01]).copy(header, 6);
  header.writeUInt16BE(v6 ? 0x86dd : 0x0800, 12);
  return Buffer.concat([header, ipPacketBytes]);
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

function u24(n: number): Buffer {
  return Buffer.from([(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
}

/** A TLS 1.2-framed ClientHello with server_name, supported_versions and the usual cipher suites. */
export function clientHello(sni: string): Buffer {
  const name = Buffer.from(sni, "ascii");
  const serverName = Buffer.concat([u16(name.length + 3), Buffer.from([0]), u16(name.length), name]);
  const sniExtension = Buffer.concat([u16(0x0000), u16(serverName.length), serverName]);
  const versions = Buffer.from([0x04, 0x03, 0x04, 0x03, 0x03]);
  const versionsExtension = Buffer.concat([u16(0x002b), u16(versions.length), versions]);
  const extensions = Buffer.concat([sniExtension, versionsExtension]);
  const ciphers = Buffer.from([0x13, 0x01, 0x13, 0x02, 0xc0, 0x2f, 0x00, 0x2f]);
  const body = Buffer.concat([
    Buffer.from([0x03, 0x03]),
    Buffer.alloc(32, 0x11),
    Buffer.from([0x00]),
    u16(ciphers.length),
    ciphers,
    Buffer.from([0x01, 0x00]),
    u16(extensions.length),
    extensions,
  ]);
  const handshake = Buffer.concat([Buffer.from([0x01]), u24(body.length), body]);
  return Buffer.concat([Buffer.from([0x16, 0x03, 0x01]), u16(handshake.length), handshake]);
}

/** A DNS query for example.com (type A), or its answer with one address. */
function dnsMessage(answer: boolean): Buffer {
  const name = Buffer.from([7, ...Buffer.from("example"), 3, ...Buffer.from("com"), 0]);
  const header = Buffer.from([
    0x12,
    0x34,
    answer ? 0x81 : 0x01,
    answer ? 0x80 : 0x00,
    0,
    1,
    0,
    answer ? 1 : 0,
    0,
    0,
    0,
    0,
  ]);
  const question = Buffer.concat([name, Buffer.from([0, 1, 0, 1])]);
  const record = answer ? Buffer.from([0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 10]) : Buffer.alloc(0);
  return Buffer.concat([header, question, record]);
}

/** Writes a pcap file body for the given flows, one after another. */
export function buildPcap(flows: readonly FlowSpec[]): Buffer {
  const global = Buffer.alloc(24);
  global.writeUInt32LE(0xa1b2c3d4, 0);
  global.writeUInt16LE(2, 4);
  global.writeUInt16LE(4, 6);
  global.writeUInt32LE(65535, 16);
  global.writeUInt32LE(1, 20);
  const records: Buffer[] = [global];
  let time = 1_700_000_000;
  let micros = 0;
  let id = 1;
  const push = (frame: Buffer) => {
    const header = Buffer.alloc(16);
    micros += 1000;
    header.writeUInt32LE(time + Math.floor(micros / 1_000_000), 0);
    header.writeUInt32LE(micros % 1_000_000, 4);
    header.writeUInt32LE(frame.length, 8);
    header.writeUInt32LE(frame.length, 12);
    records.push(header, frame);
  };
  const tcp = (
    f: Flow,
    fromClient: boolean,
    seq: number,
    ack: number,
    flags: number,
    payload: Buffer = Buffer.alloc(0),
  ) => {
    const [src, dst, sport, dport] = fromClient
      ? [f.src, f.dst, f.srcPort, f.dstPort]
      : [f.dst, f.src, f.dstPort, f.srcPort];
    push(
      ethernet(ipPacket(src, dst, 6, tcpSegment(src, dst, sport, dport, seq, ack, flags, payload), id++), isV6(src)),
    );
  };
  for (const flow of flows) {
    time += 1;
    const c = 1000;
    const s = 5000;
    if (flow.kind === "udp") {
      const payload = flow.payload ?? Buffer.concat([Buffer.from([0x23]), Buffer.alloc(47)]);
      const datagram = (fromClient: boolean) => {
        const [src, dst, sport, dport] = fromClient
          ? [flow.src, flow.dst, flow.srcPort, flow.dstPort]
          : [flow.dst, flow.src, flow.dstPort, flow.srcPort];
        // Port 53 carries real DNS, so Suricata's DNS parser sees a query and its answer.
        const body = flow.payload === undefined && flow.dstPort === 53 ? dnsMessage(!fromClient) : payload;
        push(ethernet(ipPacket(src, dst, 17, udpDatagram(src, dst, sport, dport, body), id++), isV6(src)));
      };
      datagram(true);
      if (flow.exchange) {
        datagram(false);
        datagram(true);
      }
      continue;
    }
    tcp(flow, true, c, 0, SYN);
    if (flow.kind === "syn") continue;
    tcp(flow, false, s, c + 1, SYN | ACK);
    tcp(flow, true, c + 1, s + 1, ACK);
    const payload: Buffer =
      flow.kind === "tls"
        ? clientHello(flow.sni)
        : flow.kind === "http"
          ? Buffer.from(`GET / HTTP/1.1\r\nHost: ${flow.host}\r\nUser-Agent: test\r\nAccept: */*\r\n\r\n`, "ascii")
          : (flow.payload ?? Buffer.from("SSH-2.0-intune-egress-probe\r\n", "ascii"));
    tcp(flow, true, c + 1, s + 1, PSH | ACK, payload);
    if (flow.kind === "tcp") {
      const reply = Buffer.from("SSH-2.0-server\r\n", "ascii");
      tcp(flow, false, s + 1, c + 1 + payload.length, PSH | ACK, reply);
      tcp(flow, true, c + 1 + payload.length, s + 1 + reply.length, ACK);
    } else {
      tcp(flow, false, s + 1, c + 1 + payload.length, ACK);
    }
  }
  return Buffer.concat(records);
}
