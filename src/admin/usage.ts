/** `npm run admin -- help`. */
export const USAGE = `Kẻng admin CLI — quản trị Kẻng từ dòng lệnh

Usage: npm run admin -- <command> [arguments]

Commands:
  area add <code> <name…> [--kind <kind>]
                                          create an area; its parent must exist; the kind (tinh,
                                          thanhpho, xa, phuong, dackhu, thon, todanpho, truonghoc)
                                          is read from the name's first word unless given (tạo khu vực)
  area list                               areas with kind, unit, phone, address, groups and role
                                          holders (danh sách khu vực)
  grant <platform:id> <role> <areaCode>   give a role: admin, officer or propagandist;
                                          creates the user if missing (trao vai trò)
  revoke <platform:id> <role> <areaCode>  revoke a role; the person is told privately (thu hồi vai trò)
  groups [--area <code>]                  group chats, their area and state (danh sách nhóm)
  audit [--area <code>] [--since <day>] [--until <day>]
                                          the audit log of an area and below; days as 2026-11-01
                                          or 01/11/2026, default the last 30 days (nhật ký)
  deliveries resend                       re-queue pending deliveries (gửi lại)
  rotate                                  re-seal tipster identities under TIP_SEAL_KEY after a key
                                          change (old key in TIP_SEAL_KEYS_OLD) (đổi khóa)
  tip-erase <TRACKING-CODE>               a tipster asked to delete their tip: close it and destroy
                                          its content and deliveries now, as retention would; its
                                          counts stay (xóa tin theo yêu cầu)
  help                                    this text

Examples:
  npm run admin -- area add ninhbinh Tỉnh Ninh Bình
  npm run admin -- area add ninhbinh.p5 Phường 5
  npm run admin -- area add ninhbinh.p5.k3 Khu dân cư số 3 --kind todanpho
  npm run admin -- grant telegram:123456789 admin ninhbinh
  npm run admin -- audit --area ninhbinh.p5 --since 2026-11-01

Configuration: DATABASE_URL (unset: the embedded PostgreSQL in KENG_DATA_DIR, a running app's
or started for the command), TZ; REDIS_URL (unset: the queue is in PostgreSQL) and QUEUE_PREFIX
for "deliveries resend"; TIP_SEAL_KEY and TIP_SEAL_KEYS_OLD for "rotate".
Exit codes: 0 done, 1 failed (one line on stderr), 2 bad arguments (this text on stderr).`;
