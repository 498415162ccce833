/*
 * abi-header: io/blkif.h
 */
static void scenario_io_blkif(void)
{
    SAY("blkif types", "%zu %zu", sizeof(blkif_vdev_t), sizeof(blkif_sector_t));
    SAY("blkif ring", "%lu slots of %zu bytes",
        (unsigned long)__CONST_RING_SIZE(blkif, 4096),
        sizeof(union blkif_sring_entry));
}
