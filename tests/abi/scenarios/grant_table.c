/*
 * abi-header: grant_table.h
 */
static void scenario_grant_table(void)
{
    static const char *const msgs[] = GNTTABOP_error_msgs;
    unsigned int i;

    for ( i = 0; i < sizeof(msgs) / sizeof(msgs[0]); i++ )
        SAY("GNTTABOP_error_msgs", "%u %s", i, msgs[i]);
    SAY("grant_entry_v1", "%zu %zu", sizeof(struct grant_entry_v1),
        sizeof(grant_entry_v1_t));
}
