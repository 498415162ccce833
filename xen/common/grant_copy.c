/*
 * GNTTABOP_copy (Xen 4.17's semantics): the hypervisor copies bytes between
 * two frames, each either a frame of the caller (named by its MFN, with
 * DOMID_SELF) or a grant another domain made to the caller.  For the time of
 * one copy each grant is pinned as a host mapping would pin it (GTF_reading,
 * and GTF_writing for the destination), and each frame holds a reference
 * (a writable type reference for the destination), so neither can be freed
 * or become a page table half-way.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/guest_access.h>
#include <asm/hypercall.h>
#include <asm/pv/mm.h>

/* One side of a copy, while it is claimed. */
struct gnttab_copy_buf {
    struct domain *domain;      /* referenced while set */
    struct page_info *page;     /* referenced while set */
    unsigned long mfn;
    grant_ref_t ref;
    bool read_only;
    bool have_grant;
    bool have_type;
};

/*
 * Pin grant gref of rd for a copy by domain ldom and take a reference on its
 * frame.  Returns GNTST_okay with *pg and *mfn set, or a GNTST_* error with
 * nothing held.
 */
static int acquire_grant_for_copy(struct domain *rd, grant_ref_t gref, domid_t ldom,
                                  bool readonly, unsigned long *mfn, struct page_info **pg)
{
    struct grant_table *rgt = rd->grant_table;
    struct active_grant_entry *act;
    grant_entry_v1_t *sha;
    int rc;

    *pg = NULL;
    spin_lock(&rgt->lock);
    if ( gref >= nr_grant_entries(rgt) )
    {
        spin_unlock(&rgt->lock);
        return GNTST_bad_gntref;
    }
    act = active_entry(rgt, gref);
    sha = shared_entry(rgt, gref);
    if ( act->pin && (act->domid != ldom || (act->pin & GNTPIN_overflow)) )
    {
        spin_unlock(&rgt->lock);
        return GNTST_general_error;
    }
    if ( !act->pin || (!readonly && !(act->pin & GNTPIN_write_mask)) )
    {
        rc = gnttab_set_status_v1((u32 *)sha, ldom, act->pin, readonly, false);
        if ( rc != GNTST_okay )
        {
            spin_unlock(&rgt->lock);
            return rc;
        }
    }
    if ( !act->pin )
    {
        unsigned long frame = __atomic_load_n(&sha->frame, __ATOMIC_RELAXED);

        if ( !mfn_valid(frame) || !get_page(mfn_to_page(frame), rd) )
        {
            rc = GNTST_bad_page;
            goto clear;
        }
        act->domid = ldom;
        act->mfn = frame;
    }
    else if ( !mfn_valid(act->mfn) || rd->is_dying || !get_page(mfn_to_page(act->mfn), rd) )
    {
        rc = GNTST_bad_domain;
        goto clear;
    }
    *pg = mfn_to_page(act->mfn);
    *mfn = act->mfn;
    act->pin += readonly ? GNTPIN_hstr_inc : GNTPIN_hstw_inc;
    spin_unlock(&rgt->lock);
    return GNTST_okay;

 clear:
    gnttab_clear_flags(&sha->flags, gnttab_status_to_clear(act->pin, readonly));
    spin_unlock(&rgt->lock);
    return rc;
}

/* Undo the pin of acquire_grant_for_copy() (not its page reference). */
static void release_grant_for_copy(struct domain *rd, grant_ref_t gref, bool readonly)
{
    struct grant_table *rgt = rd->grant_table;
    struct active_grant_entry *act;

    spin_lock(&rgt->lock);
    act = active_entry(rgt, gref);
    act->pin -= readonly ? GNTPIN_hstr_inc : GNTPIN_hstw_inc;
    gnttab_clear_flags(&shared_entry(rgt, gref)->flags,
                       gnttab_status_to_clear(act->pin, readonly));
    spin_unlock(&rgt->lock);
}

static void copy_buf_release(struct gnttab_copy_buf *buf)
{
    if ( buf->have_grant )
        release_grant_for_copy(buf->domain, buf->ref, buf->read_only);
    if ( buf->have_type )
        put_page_type(buf->page);
    if ( buf->page )
        put_page(buf->page);
    if ( buf->domain )
        put_domain(buf->domain);
    memset(buf, 0, sizeof(*buf));
}

/* The domain one side names: only DOMID_SELF may name a frame directly. */
static int copy_buf_lock_domain(const struct gnttab_copy *op, const struct gnttab_copy_ptr *ptr,
                                struct gnttab_copy_buf *buf, unsigned int gref_flag)
{
    domid_t self = current->domain->domain_id;

    if ( ptr->domid != DOMID_SELF && !(op->flags & gref_flag) )
        return GNTST_permission_denied;
    buf->domain = get_domain_by_id(ptr->domid == DOMID_SELF ? self : ptr->domid);
    if ( !buf->domain || !buf->domain->grant_table )
        return GNTST_bad_domain;
    return GNTST_okay;
}

/* Claim one side: the grant or the frame, then for the destination a writable type. */
static int copy_buf_claim(const struct gnttab_copy *op, const struct gnttab_copy_ptr *ptr,
                          struct gnttab_copy_buf *buf, unsigned int gref_flag)
{
    int rc;

    buf->read_only = gref_flag == GNTCOPY_source_gref;
    if ( op->flags & gref_flag )
    {
        rc = acquire_grant_for_copy(buf->domain, ptr->u.ref, current->domain->domain_id,
                                    buf->read_only, &buf->mfn, &buf->page);
        if ( rc != GNTST_okay )
            return rc;
        buf->ref = ptr->u.ref;
        buf->have_grant = true;
    }
    else
    {
        if ( !mfn_valid(ptr->u.gmfn) || !get_page(mfn_to_page(ptr->u.gmfn), buf->domain) )
            return GNTST_bad_page;
        buf->mfn = ptr->u.gmfn;
        buf->page = mfn_to_page(buf->mfn);
    }
    if ( !buf->read_only )
    {
        if ( get_page_type(buf->page, PGT_writable_page) )
        {
            if ( !buf->domain->is_dying )
                gprintk(XENLOG_G_WARNING, "could not get writable frame %#lx\n", buf->mfn);
            return GNTST_general_error;
        }
        buf->have_type = true;
    }
    return GNTST_okay;
}

/*
 * One copy, in Xen's order of checks: both domains, the source, the
 * destination, then the ranges.
 */
static int gnttab_copy_one(const struct gnttab_copy *op)
{
    struct gnttab_copy_buf src = { 0 }, dest = { 0 };
    int rc;

    rc = copy_buf_lock_domain(op, &op->source, &src, GNTCOPY_source_gref);
    if ( rc == GNTST_okay )
        rc = copy_buf_lock_domain(op, &op->dest, &dest, GNTCOPY_dest_gref);
    if ( rc == GNTST_okay )
        rc = copy_buf_claim(op, &op->source, &src, GNTCOPY_source_gref);
    if ( rc == GNTST_okay )
        rc = copy_buf_claim(op, &op->dest, &dest, GNTCOPY_dest_gref);
    if ( rc == GNTST_okay &&
         (op->source.offset + op->len > PAGE_SIZE || op->dest.offset + op->len > PAGE_SIZE) )
        rc = GNTST_bad_copy_arg;
    if ( rc == GNTST_okay )
        memmove((char *)mfn_to_virt(dest.mfn) + op->dest.offset,
               (const char *)mfn_to_virt(src.mfn) + op->source.offset, op->len);
    copy_buf_release(&dest);
    copy_buf_release(&src);
    return rc;
}

long gnttab_copy(XEN_GUEST_HANDLE_PARAM(gnttab_copy_t) uop, unsigned int count)
{
    struct gnttab_copy op;
    unsigned int i;

    for ( i = 0; i < count; i++ )
    {
        if ( i && hypercall_preempt_check() )
            return i;
        if ( copy_from_guest(&op, uop, 1) )
            return -EFAULT;
        op.status = gnttab_copy_one(&op);
        if ( copy_field_to_guest(uop, &op, status) )
            return -EFAULT;
        guest_handle_add_offset(uop, 1);
    }
    return 0;
}
